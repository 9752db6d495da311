import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { measure } from '../../cooperation/server/tables.ts';

/**
 * Beschaffungsvorhaben: a purchase or service a municipality plans (internal). Plans of several
 * municipalities with the same CPV division, overlapping periods and similar text are proposed
 * as a bundle (Synergien).
 */
export const procurementPlan = pgTable(
	'procurement_plan',
	{
		id: serial('id').primaryKey(),
		ags: text('ags')
			.notNull()
			.references(() => municipality.ags),
		subject: text('subject').notNull(),
		/** The first two digits of the CPV code (the EU's Common Procurement Vocabulary): the division. */
		cpvDivision: text('cpv_division').notNull(),
		description: text('description').notNull().default(''),
		quantity: text('quantity'),
		periodStart: date('period_start').notNull(),
		periodEnd: date('period_end').notNull(),
		estimatedValueCents: bigint('estimated_value_cents', { mode: 'number' }).notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('procurement_plan_division_idx').on(t.cpvDivision, t.periodStart),
		index('procurement_plan_ags_idx').on(t.ags),
		index('procurement_plan_text_trgm_idx').using('gin', sql`(${t.subject} || ' ' || ${t.description}) gin_trgm_ops`),
		check('procurement_plan_cpv_check', sql`${t.cpvDivision} ~ '^[0-9]{2}$'`),
		check('procurement_plan_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
		check('procurement_plan_value_check', sql`${t.estimatedValueCents} >= 0`)
	]
);

/** A proposal the municipalities took up: its plans, the discussion and, in the end, the joint measure. */
export const bundle = pgTable('bundle', {
	id: serial('id').primaryKey(),
	title: text('title').notNull(),
	cpvDivision: text('cpv_division').notNull(),
	measureId: integer('measure_id').references(() => measure.id, { onDelete: 'set null' }),
	createdBy: text('created_by').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const bundlePlan = pgTable(
	'bundle_plan',
	{
		bundleId: integer('bundle_id')
			.notNull()
			.references(() => bundle.id, { onDelete: 'cascade' }),
		planId: integer('plan_id')
			.notNull()
			.references(() => procurementPlan.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.bundleId, t.planId] }), index('bundle_plan_plan_idx').on(t.planId)]
);

export const bundleComment = pgTable(
	'bundle_comment',
	{
		id: serial('id').primaryKey(),
		bundleId: integer('bundle_id')
			.notNull()
			.references(() => bundle.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		authorName: text('author_name').notNull(),
		authorId: uuid('author_id').references(() => account.id, { onDelete: 'set null' }),
		ags: text('ags').references(() => municipality.ags),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('bundle_comment_bundle_idx').on(t.bundleId, t.id)]
);
