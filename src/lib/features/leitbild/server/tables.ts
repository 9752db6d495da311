import type { Localized } from '../../../i18n/localized.ts';
import type { LeitbildContent } from '../schemas.ts';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Handlungsfeld: one of the Leitbild's action fields. Measures link to these rows. */
export const actionField = pgTable(
	'action_field',
	{
		id: serial('id').primaryKey(),
		number: integer('number').notNull(),
		title: jsonb('title').$type<Localized>().notNull(),
		description: jsonb('description').$type<Localized>().notNull()
	},
	(t) => [uniqueIndex('action_field_number_key').on(t.number)]
);

/** Leitziel: one of the Leitbild's goals. */
export const goal = pgTable(
	'goal',
	{
		id: serial('id').primaryKey(),
		number: integer('number').notNull(),
		shortTitle: jsonb('short_title').$type<Localized>().notNull(),
		text: jsonb('text').$type<Localized>().notNull()
	},
	(t) => [uniqueIndex('goal_number_key').on(t.number)]
);

export const goalActionField = pgTable(
	'goal_action_field',
	{
		goalId: integer('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		actionFieldId: integer('action_field_id')
			.notNull()
			.references(() => actionField.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.goalId, t.actionFieldId] }), index('goal_action_field_field_idx').on(t.actionFieldId)]
);

/**
 * Every state the Leitbild has had: a full snapshot with author, date and change note, so that
 * any change can be shown as a diff and any earlier state restored. The newest row is the "Stand".
 */
export const leitbildRevision = pgTable(
	'leitbild_revision',
	{
		id: serial('id').primaryKey(),
		content: jsonb('content').$type<LeitbildContent>().notNull(),
		author: text('author').notNull(),
		note: text('note').notNull(),
		restoredFrom: integer('restored_from'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('leitbild_revision_created_idx').on(t.createdAt)]
);

/** The Leitbild's content as stored in a revision: the leitbild schema's output. */
export type { LeitbildContent } from '../schemas.ts';
