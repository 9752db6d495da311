import { boolean, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Localized } from '../../../i18n/localized.ts';

/**
 * Kategorie eines Anliegens (Open311: service). Per region; the region file brings the default
 * set, afterwards the back office keeps them. Categories that are never public (e.g.
 * Ordnungswidrigkeiten) accept reports but never show them.
 */
export const reportCategory = pgTable(
	'report_category',
	{
		id: serial('id').primaryKey(),
		code: text('code').notNull(),
		name: jsonb('name').$type<Localized>().notNull(),
		description: jsonb('description').$type<Localized>(),
		group: text('group'),
		keywords: text('keywords'),
		isPublic: boolean('is_public').notNull().default(true),
		active: boolean('active').notNull().default(true),
		sortOrder: integer('sort_order').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('report_category_code_key').on(t.code)]
);

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** An extra question of a category (Open311: attribute of a service definition). */
export const reportCategoryAttribute = pgTable(
	'report_category_attribute',
	{
		id: serial('id').primaryKey(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => reportCategory.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		datatype: text('datatype').$type<AttributeDatatype>().notNull(),
		required: boolean('required').notNull().default(false),
		/** false: information shown to the reporter only, no input. */
		variable: boolean('variable').notNull().default(true),
		description: jsonb('description').$type<Localized>().notNull(),
		datatypeDescription: jsonb('datatype_description').$type<Localized>(),
		order: integer('order').notNull(),
		values: jsonb('values').$type<{ key: string; name: Localized }[]>().notNull().default([])
	},
	(t) => [uniqueIndex('report_category_attribute_code_key').on(t.categoryId, t.code), uniqueIndex('report_category_attribute_order_key').on(t.categoryId, t.order)]
);
