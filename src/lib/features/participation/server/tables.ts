import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { point4326 } from '../../../server/db/types.ts';
import { municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { actionField } from '../../leitbild/server/tables.ts';
import { measure } from '../../cooperation/server/tables.ts';
import type { Component, IdeaStatus, PhaseKind } from '../phases.ts';

/**
 * Beteiligungsverfahren. Run by one municipality (its editors) or, without one, by the
 * coordination office for the region; `municipalities` is the area it concerns (empty: the whole
 * region).
 */
export const participationProcess = pgTable(
	'participation_process',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		/** Safe Markdown subset. */
		description: text('description').notNull(),
		ownerAgs: text('owner_ags').references(() => municipality.ags),
		municipalities: text('municipalities').array().notNull().default(sql`'{}'::text[]`),
		published: boolean('published').notNull().default(false),
		/** Points each participant distributes in the prioritisation. */
		pointsBudget: integer('points_budget').notNull().default(10),
		ideaCategories: text('idea_categories').array().notNull(),
		/** The outcome, written when the process ends (safe Markdown). */
		resultText: text('result_text'),
		/** Visible ideas, kept by a trigger (migration 0014): the list of processes shows it without counting. */
		ideaCount: integer('idea_count').notNull().default(0),
		createdBy: uuid('created_by').references(() => account.id, { onDelete: 'set null' }),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('participation_process_published_idx').on(t.published, t.id),
		check('participation_process_budget_check', sql`${t.pointsBudget} between 1 and 100`)
	]
);

export const participationPhase = pgTable(
	'participation_phase',
	{
		id: serial('id').primaryKey(),
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<PhaseKind>().notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		/** null: open-ended (only the result phase). */
		endsAt: timestamp('ends_at', { withTimezone: true }),
		components: text('components').array().$type<Component[]>().notNull()
	},
	(t) => [
		uniqueIndex('participation_phase_kind_key').on(t.processId, t.kind),
		index('participation_phase_time_idx').on(t.startsAt, t.endsAt),
		check('participation_phase_kind_check', sql`${t.kind} in ('information','ideas','discussion','prioritisation','result')`),
		check('participation_phase_dates_check', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`)
	]
);

export const processActionField = pgTable(
	'process_action_field',
	{
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		actionFieldId: integer('action_field_id')
			.notNull()
			.references(() => actionField.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.processId, t.actionFieldId] })]
);

export const processMeasure = pgTable(
	'process_measure',
	{
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.processId, t.measureId] }), index('process_measure_measure_idx').on(t.measureId)]
);

/**
 * Idee. Support and comment counts are kept on the row in the same transaction as the support
 * or comment itself (supports by a trigger, migration 0012), so that sorting 50,000 ideas by
 * support reads an index, not a count.
 */
export const idea = pgTable(
	'idea',
	{
		id: serial('id').primaryKey(),
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => account.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		/** Safe Markdown subset. */
		body: text('body').notNull(),
		category: text('category').notNull(),
		point: point4326('point'),
		/** From the point, or chosen in the form. */
		municipalityAgs: text('municipality_ags').references(() => municipality.ags),
		placeText: text('place_text'),
		imageKey: text('image_key'),
		thumbKey: text('thumb_key'),
		imageAlt: text('image_alt'),
		status: text('status').$type<IdeaStatus>().notNull().default('submitted'),
		/** The official answer (required for a rejection). */
		answer: text('answer'),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		/** The measure it became or was merged into. */
		measureId: integer('measure_id').references(() => measure.id, { onDelete: 'set null' }),
		supportCount: integer('support_count').notNull().default(0),
		commentCount: integer('comment_count').notNull().default(0),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason'),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('idea_process_new_idx').on(t.processId, t.createdAt, t.id),
		index('idea_process_support_idx').on(t.processId, t.supportCount, t.id),
		index('idea_process_comment_idx').on(t.processId, t.commentCount, t.id),
		index('idea_author_idx').on(t.authorId),
		index('idea_created_idx').on(t.createdAt, t.id),
		// the newest change, for the open-data catalogue
		index('idea_updated_idx').on(t.updatedAt),
		check('idea_status_check', sql`${t.status} in ('submitted','reviewing','accepted','rejected','implemented')`),
		check('idea_counts_check', sql`${t.supportCount} >= 0 and ${t.commentCount} >= 0`),
		check('idea_hidden_check', sql`${t.hiddenAt} is null or ${t.hiddenReason} is not null`),
		check('idea_rejected_check', sql`${t.status} <> 'rejected' or ${t.answer} is not null`)
	]
);

/** One support per person and idea: the primary key says so, whatever the browser sends. */
export const ideaSupport = pgTable(
	'idea_support',
	{
		ideaId: integer('idea_id')
			.notNull()
			.references(() => idea.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.ideaId, t.accountId] }), index('idea_support_account_idx').on(t.accountId)]
);

/** Kommentar, with one level of replies (`parentId` names a comment without parent). */
export const ideaComment = pgTable(
	'idea_comment',
	{
		id: serial('id').primaryKey(),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => idea.id, { onDelete: 'cascade' }),
		parentId: integer('parent_id'),
		authorId: uuid('author_id').references(() => account.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason'),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'idea_comment_parent_fk' }).onDelete('cascade'),
		index('idea_comment_idea_idx').on(t.ideaId, t.createdAt, t.id),
		index('idea_comment_parent_idx').on(t.parentId),
		check('idea_comment_hidden_check', sql`${t.hiddenAt} is null or ${t.hiddenReason} is not null`)
	]
);

/** A flag raised by anyone (guests too) on an idea or comment; the moderation queue lists open ones. */
export const contentFlag = pgTable(
	'content_flag',
	{
		id: serial('id').primaryKey(),
		targetKind: text('target_kind').$type<'idea' | 'comment'>().notNull(),
		targetId: integer('target_id').notNull(),
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		reporterId: uuid('reporter_id').references(() => account.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		/** 'hidden' or 'kept'. */
		resolution: text('resolution')
	},
	(t) => [
		index('content_flag_open_idx').on(t.processId, t.createdAt).where(sql`${t.resolvedAt} is null`),
		index('content_flag_target_idx').on(t.targetKind, t.targetId),
		check('content_flag_kind_check', sql`${t.targetKind} in ('idea','comment')`)
	]
);

/**
 * Stimmzettel of the prioritisation: each participant's budget and what they have spent. A
 * trigger (migration 0012) keeps `spent` equal to the sum of the allocations; the check makes
 * any allocation beyond the budget fail, however many requests race.
 */
export const pointBallot = pgTable(
	'point_ballot',
	{
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		budget: integer('budget').notNull(),
		spent: integer('spent').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.processId, t.accountId] }), check('point_ballot_budget_check', sql`${t.spent} between 0 and ${t.budget}`)]
);

export const pointAllocation = pgTable(
	'point_allocation',
	{
		processId: integer('process_id').notNull(),
		accountId: uuid('account_id').notNull(),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => idea.id, { onDelete: 'cascade' }),
		points: integer('points').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.processId, t.accountId, t.ideaId] }),
		foreignKey({ columns: [t.processId, t.accountId], foreignColumns: [pointBallot.processId, pointBallot.accountId], name: 'point_allocation_ballot_fk' }).onDelete('cascade'),
		index('point_allocation_idea_idx').on(t.ideaId),
		check('point_allocation_points_check', sql`${t.points} > 0`)
	]
);

/**
 * Umfrage of a process. It takes responses while a phase with the `survey` component runs;
 * `published` makes it visible, after which its questions stay as they are once answered.
 */
export const survey = pgTable(
	'survey',
	{
		id: serial('id').primaryKey(),
		processId: integer('process_id')
			.notNull()
			.references(() => participationProcess.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** Safe Markdown subset. */
		intro: text('intro').notNull(),
		published: boolean('published').notNull().default(false),
		resultsPublic: boolean('results_public').notNull().default(false),
		/** Responses without an account through one-time links. */
		allowLinks: boolean('allow_links').notNull().default(false),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('survey_process_idx').on(t.processId)]
);

export const questionKinds = ['single', 'multiple', 'text', 'scale', 'ranking', 'yesno'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const surveyQuestion = pgTable(
	'survey_question',
	{
		id: serial('id').primaryKey(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		kind: text('kind').$type<QuestionKind>().notNull(),
		prompt: text('prompt').notNull(),
		help: text('help'),
		required: boolean('required').notNull().default(false),
		options: text('options').array().notNull().default(sql`'{}'::text[]`),
		minChoices: integer('min_choices'),
		maxChoices: integer('max_choices'),
		maxLength: integer('max_length'),
		/** Asked only when the earlier question was answered with one of `dependsOnValues`. */
		dependsOnId: integer('depends_on_id'),
		dependsOnValues: text('depends_on_values').array(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		foreignKey({ columns: [t.dependsOnId], foreignColumns: [t.id], name: 'survey_question_depends_fk' }).onDelete('set null'),
		index('survey_question_survey_idx').on(t.surveyId, t.position),
		check('survey_question_kind_check', sql`${t.kind} in ('single','multiple','text','scale','ranking','yesno')`)
	]
);

/**
 * One response. Signed-in people have one per survey (the unique index says so); a response
 * through a one-time link carries no account and no trace of the link.
 */
export const surveyResponse = pgTable(
	'survey_response',
	{
		id: serial('id').primaryKey(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id').references(() => account.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('survey_response_account_key').on(t.surveyId, t.accountId), index('survey_response_survey_idx').on(t.surveyId, t.id)]
);

export const surveyAnswer = pgTable(
	'survey_answer',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => surveyResponse.id, { onDelete: 'cascade' }),
		questionId: integer('question_id')
			.notNull()
			.references(() => surveyQuestion.id, { onDelete: 'cascade' }),
		/** A choice, the choices, the text, the scale value or the ranking, as JSON. */
		value: jsonb('value').$type<string | string[] | number>().notNull(),
		/** Free texts: null until moderated, then shown (true) or withheld (false). */
		approved: boolean('approved')
	},
	(t) => [primaryKey({ columns: [t.responseId, t.questionId] }), index('survey_answer_question_idx').on(t.questionId)]
);

/** Einmal-Link: the hash of a token that lets one person without an account respond once. */
export const surveyToken = pgTable(
	'survey_token',
	{
		id: serial('id').primaryKey(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		/** No time: when a link was used must not point to the response it gave. */
		used: boolean('used').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('survey_token_hash_key').on(t.tokenHash), index('survey_token_survey_idx').on(t.surveyId)]
);
