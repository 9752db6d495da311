import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';
import { actionField, goal } from '../../leitbild/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import type { CostKey } from '../costs.ts';

const cents = (name: string) => bigint(name, { mode: 'number' });

export const measureStatuses = ['idea', 'planned', 'in_progress', 'completed', 'deferred'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export type MeasureContact = { name: string; organisation?: string; email?: string; phone?: string };

/**
 * Maßnahme: something the partners do together, led by one municipality (Federführung).
 * Public by default; an internal measure is seen only by the coordination office and the staff of
 * the municipalities taking part. Progress comes from the milestones unless set by hand with a reason.
 */
export const measure = pgTable(
	'measure',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		description: text('description').notNull(),
		leadAgs: text('lead_ags')
			.notNull()
			.references(() => municipality.ags),
		status: text('status').$type<MeasureStatus>().notNull().default('idea'),
		startOn: date('start_on'),
		endOn: date('end_on'),
		/** null: progress follows the milestones. */
		manualProgress: integer('manual_progress'),
		progressReason: text('progress_reason'),
		contact: jsonb('contact').$type<MeasureContact | null>(),
		isPublic: boolean('is_public').notNull().default(true),
		lighthouse: boolean('lighthouse').notNull().default(false),
		costKey: jsonb('cost_key').$type<CostKey>().notNull(),
		/** Created by the demo data; `npm run demo:remove` deletes it. */
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('measure_lead_idx').on(t.leadAgs),
		index('measure_public_status_idx').on(t.isPublic, t.status, t.id),
		index('measure_updated_idx').on(t.updatedAt, t.id),
		check('measure_status_check', sql`${t.status} in ('idea','planned','in_progress','completed','deferred')`),
		check('measure_progress_check', sql`${t.manualProgress} is null or (${t.manualProgress} between 0 and 100 and ${t.progressReason} is not null)`),
		check('measure_dates_check', sql`${t.endOn} is null or ${t.startOn} is null or ${t.endOn} >= ${t.startOn}`)
	]
);

export const measureActionField = pgTable(
	'measure_action_field',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		actionFieldId: integer('action_field_id')
			.notNull()
			.references(() => actionField.id)
	},
	(t) => [primaryKey({ columns: [t.measureId, t.actionFieldId] }), index('measure_action_field_field_idx').on(t.actionFieldId, t.measureId)]
);

export const measureGoal = pgTable(
	'measure_goal',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		goalId: integer('goal_id')
			.notNull()
			.references(() => goal.id)
	},
	(t) => [primaryKey({ columns: [t.measureId, t.goalId] }), index('measure_goal_goal_idx').on(t.goalId, t.measureId)]
);

/** Participating municipalities (besides the lead). */
export const measureParticipant = pgTable(
	'measure_participant',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		ags: text('ags')
			.notNull()
			.references(() => municipality.ags)
	},
	(t) => [primaryKey({ columns: [t.measureId, t.ags] }), index('measure_participant_ags_idx').on(t.ags, t.measureId)]
);

/** Related measures, stored once per pair (lower id first). */
export const measureRelation = pgTable(
	'measure_relation',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		relatedId: integer('related_id')
			.notNull()
			.references((): AnyPgColumn => measure.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.measureId, t.relatedId] }), index('measure_relation_related_idx').on(t.relatedId), check('measure_relation_order_check', sql`${t.measureId} < ${t.relatedId}`)]
);

/** Meilenstein. */
export const measureMilestone = pgTable(
	'measure_milestone',
	{
		id: serial('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		dueOn: date('due_on').notNull(),
		doneOn: date('done_on')
	},
	(t) => [index('measure_milestone_measure_idx').on(t.measureId, t.dueOn), index('measure_milestone_open_idx').on(t.dueOn).where(sql`${t.doneOn} is null`)]
);

/** Budget (Plan) and actual costs (Ist) of one year. */
export const measureCost = pgTable(
	'measure_cost',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		budgetCents: cents('budget_cents').notNull().default(0),
		actualCents: cents('actual_cents').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.measureId, t.year] })]
);

/** The log of a measure: what happened, by whom, for which municipality. Public with the measure. */
export const measureUpdate = pgTable(
	'measure_update',
	{
		id: serial('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		authorName: text('author_name').notNull(),
		authorId: uuid('author_id').references(() => account.id, { onDelete: 'set null' }),
		municipalityAgs: text('municipality_ags').references(() => municipality.ags),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('measure_update_measure_idx').on(t.measureId, t.createdAt, t.id)]
);

/** A document of a measure; the file lives in the storage, checked by its content. */
export const measureAttachment = pgTable(
	'measure_attachment',
	{
		id: serial('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		fileName: text('file_name').notNull(),
		mediaType: text('media_type').notNull(),
		byteSize: integer('byte_size').notNull(),
		storageKey: text('storage_key').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('measure_attachment_measure_idx').on(t.measureId), uniqueIndex('measure_attachment_storage_key').on(t.storageKey)]
);

/** Indikator of a Leitziel or of a measure (exactly one of the two). */
export const indicator = pgTable(
	'indicator',
	{
		id: serial('id').primaryKey(),
		goalId: integer('goal_id').references(() => goal.id),
		measureId: integer('measure_id').references(() => measure.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		unit: text('unit').notNull(),
		baseline: doublePrecision('baseline'),
		target: doublePrecision('target'),
		higherIsBetter: boolean('higher_is_better').notNull().default(true),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('indicator_goal_idx').on(t.goalId),
		index('indicator_measure_idx').on(t.measureId),
		check('indicator_owner_check', sql`(${t.goalId} is null) <> (${t.measureId} is null)`)
	]
);

export const indicatorValue = pgTable(
	'indicator_value',
	{
		id: serial('id').primaryKey(),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		measuredOn: date('measured_on').notNull(),
		value: doublePrecision('value').notNull(),
		source: text('source')
	},
	(t) => [uniqueIndex('indicator_value_date_key').on(t.indicatorId, t.measuredOn)]
);

export const funders = ['eu', 'bund', 'land', 'landkreis', 'foundation', 'other'] as const;
export type Funder = (typeof funders)[number];
export type ProgrammeDeadline = { on: string; label: string };

/** Förderprogramm. */
export const fundingProgramme = pgTable('funding_programme', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	funder: text('funder').$type<Funder>().notNull(),
	/** Förderquote in basis points (75 % = 7,500). */
	rateBasisPoints: integer('rate_basis_points'),
	maxAmountCents: cents('max_amount_cents'),
	deadlines: jsonb('deadlines').$type<ProgrammeDeadline[]>().notNull().default([]),
	link: text('link'),
	notes: text('notes'),
	active: boolean('active').notNull().default(true),
	demo: boolean('demo').notNull().default(false),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const fundingProgrammeActionField = pgTable(
	'funding_programme_action_field',
	{
		programmeId: integer('programme_id')
			.notNull()
			.references(() => fundingProgramme.id, { onDelete: 'cascade' }),
		actionFieldId: integer('action_field_id')
			.notNull()
			.references(() => actionField.id)
	},
	(t) => [primaryKey({ columns: [t.programmeId, t.actionFieldId] }), index('funding_programme_action_field_field_idx').on(t.actionFieldId)]
);

export const applicationStatuses = ['preparing', 'submitted', 'granted', 'rejected', 'settled'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/**
 * Förderantrag of a measure. The own share (Eigenanteil) is the eligible costs minus the funding
 * (granted, or requested while undecided), split by the measure's cost key.
 */
export const fundingApplication = pgTable(
	'funding_application',
	{
		id: serial('id').primaryKey(),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		programmeId: integer('programme_id')
			.notNull()
			.references(() => fundingProgramme.id),
		status: text('status').$type<ApplicationStatus>().notNull().default('preparing'),
		eligibleCostsCents: cents('eligible_costs_cents').notNull(),
		requestedCents: cents('requested_cents').notNull(),
		grantedCents: cents('granted_cents'),
		/** Einreichungsfrist, when the programme has one. */
		submitBy: date('submit_by'),
		submittedOn: date('submitted_on'),
		grantedOn: date('granted_on'),
		/** Verwendungsnachweis due. */
		proofDueOn: date('proof_due_on'),
		/** Who gets the reminders. */
		responsibleId: uuid('responsible_id').references(() => account.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('funding_application_measure_idx').on(t.measureId),
		index('funding_application_programme_idx').on(t.programmeId),
		check('funding_application_status_check', sql`${t.status} in ('preparing','submitted','granted','rejected','settled')`),
		check('funding_application_amounts_check', sql`${t.requestedCents} >= 0 and ${t.eligibleCostsCents} >= 0 and (${t.grantedCents} is null or ${t.grantedCents} >= 0)`)
	]
);

/** A reminder sent, so each deadline is reminded of once per lead time. */
export const fundingReminder = pgTable(
	'funding_reminder',
	{
		applicationId: integer('application_id')
			.notNull()
			.references(() => fundingApplication.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<'submit' | 'proof'>().notNull(),
		deadline: date('deadline').notNull(),
		daysBefore: integer('days_before').notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.applicationId, t.kind, t.deadline, t.daysBefore] })]
);
