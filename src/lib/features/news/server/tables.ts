import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';

export const newsStatuses = ['draft', 'published', 'archived'] as const;
export type NewsStatus = (typeof newsStatuses)[number];

/**
 * Nachricht of a municipality (or, without one, of the whole region). Published news shows from
 * `publishAt` on (scheduled publishing); archived news stays reachable by its address but leaves
 * the lists and feeds.
 */
export const newsItem = pgTable(
	'news_item',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		teaser: text('teaser').notNull(),
		/** Safe Markdown subset. */
		body: text('body').notNull(),
		municipalityAgs: text('municipality_ags').references(() => municipality.ags),
		status: text('status').$type<NewsStatus>().notNull().default('draft'),
		publishAt: timestamp('publish_at', { withTimezone: true }),
		/** As shown publicly, e.g. "Redaktion Borsdorf". */
		author: text('author').notNull(),
		imageKey: text('image_key'),
		thumbKey: text('thumb_key'),
		imageAlt: text('image_alt'),
		createdBy: uuid('created_by').references(() => account.id, { onDelete: 'set null' }),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('news_item_published_idx').on(t.status, t.publishAt, t.id),
		index('news_item_municipality_idx').on(t.municipalityAgs, t.status, t.publishAt),
		check('news_item_status_check', sql`${t.status} in ('draft','published','archived')`),
		check('news_item_publish_check', sql`${t.status} <> 'published' or ${t.publishAt} is not null`)
	]
);
