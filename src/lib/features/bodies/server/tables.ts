import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';
import { actionField } from '../../leitbild/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { measure } from '../../cooperation/server/tables.ts';
import type { DecisionResult, DecisionRule, Tally, VoteChoice } from '../decisions.ts';

/*
 * The cooperation's bodies and their decisions, shaped so that each table is one OParl 1.1 type:
 * body → Organization (organizationType "Gremium"), legislative_term → LegislativeTerm,
 * person → Person, membership → Membership, meeting → Meeting, agenda_item → AgendaItem,
 * paper → Paper, agenda_item.paper_id → Consultation, paper_file → File. The region is the OParl Body.
 */

export const bodyKinds = ['steering_group', 'working_group', 'other'] as const;
export type BodyKind = (typeof bodyKinds)[number];

/** Gremium: the steering group of the mayors, a working group per Handlungsfeld, others. */
export const body = pgTable(
	'body',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		shortName: text('short_name').notNull(),
		kind: text('kind').$type<BodyKind>().notNull(),
		actionFieldId: integer('action_field_id').references(() => actionField.id),
		description: text('description'),
		ruleKind: text('rule_kind').$type<DecisionRule['kind']>().notNull().default('unanimous'),
		abstentionBlocks: boolean('abstention_blocks').notNull().default(false),
		active: boolean('active').notNull().default(true),
		/** Created by the demo data; `npm run demo:remove` deletes it with its meetings. */
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('body_short_name_key').on(t.shortName),
		check('body_kind_check', sql`${t.kind} in ('steering_group','working_group','other')`),
		check('body_rule_check', sql`${t.ruleKind} in ('unanimous','majority')`)
	]
);

/** Wahlperiode of a body. */
export const legislativeTerm = pgTable(
	'legislative_term',
	{
		id: serial('id').primaryKey(),
		bodyId: integer('body_id')
			.notNull()
			.references(() => body.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		startOn: date('start_on').notNull(),
		endOn: date('end_on'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('legislative_term_body_idx').on(t.bodyId, t.startOn)]
);

/**
 * A person sitting in a body (mayors, staff, the coordination office). Name and function are
 * public as holders of a public office; the e-mail address (for invitations) never leaves the back office.
 */
export const person = pgTable(
	'person',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		/** Funktion: "Bürgermeister", "Amtsleiterin Bauamt". */
		title: text('title'),
		municipalityAgs: text('municipality_ags').references(() => municipality.ags),
		email: text('email'),
		accountId: uuid('account_id').references(() => account.id, { onDelete: 'set null' }),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('person_municipality_idx').on(t.municipalityAgs), index('person_updated_idx').on(t.updatedAt)]
);

export const membershipRoles = ['chair', 'member', 'deputy'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/**
 * Membership of a person in a body for a municipality, for a period. `votingRole` says who holds
 * the municipality's one seat and who stands in for them.
 */
export const membership = pgTable(
	'membership',
	{
		id: serial('id').primaryKey(),
		bodyId: integer('body_id')
			.notNull()
			.references(() => body.id, { onDelete: 'cascade' }),
		personId: integer('person_id')
			.notNull()
			.references(() => person.id),
		/** The municipality represented; null for the coordination office (no vote). */
		municipalityAgs: text('municipality_ags').references(() => municipality.ags),
		role: text('role').$type<MembershipRole>().notNull().default('member'),
		votingRole: text('voting_role').$type<'holder' | 'deputy'>(),
		startOn: date('start_on').notNull(),
		endOn: date('end_on'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('membership_body_idx').on(t.bodyId, t.municipalityAgs),
		index('membership_person_idx').on(t.personId),
		index('membership_updated_idx').on(t.updatedAt),
		// one seat per municipality: one current holder, one current deputy
		uniqueIndex('membership_current_voter_key')
			.on(t.bodyId, t.municipalityAgs, t.votingRole)
			.where(sql`${t.endOn} is null and ${t.votingRole} is not null`),
		check('membership_voter_check', sql`${t.votingRole} is null or ${t.municipalityAgs} is not null`),
		check('membership_role_check', sql`${t.role} in ('chair','member','deputy')`)
	]
);

export const paperTypes = ['resolution', 'information', 'motion'] as const;
export type PaperType = (typeof paperTypes)[number];

/** Vorlage: Beschlussvorlage, Informationsvorlage or Antrag. */
export const paper = pgTable(
	'paper',
	{
		id: serial('id').primaryKey(),
		reference: text('reference').notNull(),
		title: text('title').notNull(),
		paperType: text('paper_type').$type<PaperType>().notNull(),
		/** Originating municipality; null for the coordination office. */
		originAgs: text('origin_ags').references(() => municipality.ags),
		text: text('text').notNull(),
		paperDate: date('paper_date').notNull(),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('paper_reference_key').on(t.reference), index('paper_date_idx').on(t.paperDate, t.id), index('paper_updated_idx').on(t.updatedAt)]
);

export const paperMeasure = pgTable(
	'paper_measure',
	{
		paperId: integer('paper_id')
			.notNull()
			.references(() => paper.id, { onDelete: 'cascade' }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.paperId, t.measureId] }), index('paper_measure_measure_idx').on(t.measureId)]
);

/** A document of a paper or of a meeting (OParl File). */
export const bodyFile = pgTable(
	'body_file',
	{
		id: serial('id').primaryKey(),
		paperId: integer('paper_id').references(() => paper.id, { onDelete: 'cascade' }),
		meetingId: integer('meeting_id').references((): AnyPgColumn => meeting.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		fileName: text('file_name').notNull(),
		mediaType: text('media_type').notNull(),
		byteSize: integer('byte_size').notNull(),
		storageKey: text('storage_key').notNull(),
		/** A meeting's document may belong to its closed part. */
		isPublic: boolean('is_public').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('body_file_paper_idx').on(t.paperId),
		index('body_file_meeting_idx').on(t.meetingId),
		index('body_file_updated_idx').on(t.updatedAt),
		uniqueIndex('body_file_storage_key').on(t.storageKey),
		check('body_file_owner_check', sql`(${t.paperId} is null) <> (${t.meetingId} is null)`)
	]
);

export const meetingStatuses = ['planned', 'invited', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** Sitzung of a body. */
export const meeting = pgTable(
	'meeting',
	{
		id: serial('id').primaryKey(),
		bodyId: integer('body_id')
			.notNull()
			.references(() => body.id),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		locationText: text('location_text'),
		onlineUrl: text('online_url'),
		status: text('status').$type<MeetingStatus>().notNull().default('planned'),
		publicMinutes: text('public_minutes'),
		/** Only for the members of the body. */
		closedMinutes: text('closed_minutes'),
		invitedAt: timestamp('invited_at', { withTimezone: true }),
		/** Sequence of the iCalendar invitation: raised with every change after it was sent. */
		icsSequence: integer('ics_sequence').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('meeting_body_idx').on(t.bodyId, t.startsAt),
		index('meeting_starts_idx').on(t.startsAt, t.id),
		index('meeting_updated_idx').on(t.updatedAt),
		check('meeting_status_check', sql`${t.status} in ('planned','invited','held','cancelled')`),
		check('meeting_end_check', sql`${t.endsAt} is null or ${t.endsAt} >= ${t.startsAt}`)
	]
);

/** Tagesordnungspunkt; consults a paper when it has one (OParl Consultation). */
export const agendaItem = pgTable(
	'agenda_item',
	{
		id: serial('id').primaryKey(),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => meeting.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		number: text('number').notNull(),
		title: text('title').notNull(),
		isPublic: boolean('is_public').notNull().default(true),
		paperId: integer('paper_id').references(() => paper.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('agenda_item_position_key').on(t.meetingId, t.position), index('agenda_item_paper_idx').on(t.paperId), index('agenda_item_updated_idx').on(t.updatedAt)]
);

export type SeatVote = { municipality: string; vote: VoteChoice; personId: number | null; personName: string | null };

/**
 * Beschluss on an agenda item: the votes of every seat, the rule in force and the computed result.
 * Never changed: a correction is a new row that names the one it corrects and the reason.
 */
export const decision = pgTable(
	'decision',
	{
		id: serial('id').primaryKey(),
		agendaItemId: integer('agenda_item_id')
			.notNull()
			.references(() => agendaItem.id),
		text: text('text'),
		rule: jsonb('rule').$type<DecisionRule>().notNull(),
		votes: jsonb('votes').$type<SeatVote[]>().notNull(),
		tally: jsonb('tally').$type<Tally>().notNull(),
		result: text('result').$type<DecisionResult>().notNull(),
		corrects: integer('corrects').references((): AnyPgColumn => decision.id),
		correctionReason: text('correction_reason'),
		recordedBy: text('recorded_by').notNull(),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('decision_item_idx').on(t.agendaItemId, t.id),
		index('decision_recorded_idx').on(t.recordedAt, t.id),
		// the decision list's filter by a municipality's vote
		index('decision_votes_idx').using('gin', sql`${t.votes} jsonb_path_ops`),
		// a decision is corrected at most once; the correction can be corrected in turn
		uniqueIndex('decision_corrects_key').on(t.corrects),
		check('decision_result_check', sql`${t.result} in ('adopted','rejected','inquorate')`),
		check('decision_correction_check', sql`(${t.corrects} is null) = (${t.correctionReason} is null)`)
	]
);

/**
 * What was deleted from the tables above, for OParl: a deleted object keeps answering at its URL
 * with `deleted: true` and shows up in lists asked for changes since. Written by triggers
 * (migration 0015), which also keep every `updated_at` and the `updated_at` of the object an
 * embedded one belongs to (an agenda item changes its meeting and its paper).
 */
export const oparlDeletion = pgTable(
	'oparl_deletion',
	{
		kind: text('kind').notNull(),
		id: integer('id').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.kind, t.id] }), index('oparl_deletion_deleted_idx').on(t.kind, t.deletedAt)]
);
