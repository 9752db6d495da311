import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Localized } from '../../../i18n/localized.ts';
import { geometry4326, point4326 } from '../../../server/db/types.ts';
import { district, municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { apiKey } from '../../apikeys/server/tables.ts';

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

/**
 * Status of an Anliegen. Open311 maps the first three to `open`, the rest to `closed`.
 * `forwarded` means handed to an external body (Landkreis, utility): closed for us.
 */
export const reportStatuses = ['received', 'reviewing', 'in_progress', 'done', 'rejected', 'forwarded'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const openStatuses: readonly ReportStatus[] = ['received', 'reviewing', 'in_progress'];

/**
 * Anliegen/Meldung. Personal data (reporter's name and address) lives only in the `reporter*`
 * columns and is erased some days after closing; the public text is a copy released (and
 * possibly redacted) by staff, never the original.
 */
export const report = pgTable(
	'report',
	{
		id: serial('id').primaryKey(),
		/** Open311 token, known to the client before the report is confirmed and routed. */
		token: uuid('token').notNull().defaultRandom(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => reportCategory.id),
		municipalityId: integer('municipality_id')
			.notNull()
			.references(() => municipality.id),
		districtId: integer('district_id').references(() => district.id, { onDelete: 'set null' }),
		location: point4326('location'),
		address: text('address'),
		placeDescription: text('place_description'),
		description: text('description').notNull(),
		publicDescription: text('public_description'),
		attributes: jsonb('attributes').$type<Record<string, string | string[]>>().notNull().default({}),
		mediaUrl: text('media_url'),
		status: text('status').$type<ReportStatus>().notNull().default('received'),
		/** Reason for `rejected`, the external body for `forwarded`. */
		statusNote: text('status_note'),
		source: text('source', { enum: ['web', 'open311', 'staff'] }).notNull(),
		apiKeyId: integer('api_key_id').references(() => apiKey.id, { onDelete: 'set null' }),
		reporterName: text('reporter_name'),
		reporterEmail: text('reporter_email'),
		reporterAccountId: uuid('reporter_account_id').references(() => account.id, { onDelete: 'set null' }),
		reporterLocale: text('reporter_locale', { enum: ['de', 'en'] }).notNull().default('de'),
		/** SHA-256 of the confirmation link's token while the report waits for its sender's confirmation. */
		confirmationHash: text('confirmation_hash'),
		assigneeId: uuid('assignee_id').references(() => account.id, { onDelete: 'set null' }),
		teamId: integer('team_id').references((): AnyPgColumn => reportTeam.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		escalatedAt: timestamp('escalated_at', { withTimezone: true }),
		erasedAt: timestamp('erased_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('report_token_key').on(t.token),
		uniqueIndex('report_confirmation_key').on(t.confirmationHash),
		index('report_municipality_status_idx').on(t.municipalityId, t.status, t.id),
		index('report_confirmed_idx').on(t.confirmedAt),
		// the newest change, for the open-data catalogue
		index('report_updated_idx').on(t.updatedAt),
		// a municipality's reports of a time span: the back office's statistics
		index('report_municipality_confirmed_idx').on(t.municipalityId, t.confirmedAt),
		// a category's reports newest first (Open311's service_code, the list's filter) without walking all reports
		index('report_category_idx').on(t.categoryId, t.id),
		index('report_location_idx').using('gist', t.location),
		index('report_closed_idx').on(t.closedAt).where(sql`${t.erasedAt} is null`),
		index('report_reporter_idx').on(t.reporterAccountId)
	]
);

/** A photo of a report: stored re-encoded (WebP, no metadata), public only once released. */
export const reportPhoto = pgTable(
	'report_photo',
	{
		id: serial('id').primaryKey(),
		reportId: integer('report_id')
			.notNull()
			.references(() => report.id, { onDelete: 'cascade' }),
		fileKey: text('file_key').notNull(),
		thumbKey: text('thumb_key').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		bytes: integer('bytes').notNull(),
		state: text('state', { enum: ['pending', 'released', 'rejected'] }).notNull().default('pending'),
		sortOrder: integer('sort_order').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('report_photo_report_idx').on(t.reportId, t.sortOrder), uniqueIndex('report_photo_file_key').on(t.fileKey)]
);

export type ReportEventKind = 'created' | 'confirmed' | 'status' | 'message' | 'note' | 'handed_over' | 'assigned' | 'released' | 'question' | 'answer' | 'routed' | 'erased';

/**
 * Verlauf: everything that happened to a report. `isPublic` entries form the public timeline;
 * notes, questions and answers are internal. `municipalityId` is the municipality responsible at
 * that moment, which keeps read access for an earlier municipality after a hand-over.
 */
export const reportEvent = pgTable(
	'report_event',
	{
		id: serial('id').primaryKey(),
		reportId: integer('report_id')
			.notNull()
			.references(() => report.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<ReportEventKind>().notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id').references(() => account.id, { onDelete: 'set null' }),
		actorName: text('actor_name'),
		municipalityId: integer('municipality_id')
			.notNull()
			.references(() => municipality.id),
		status: text('status').$type<ReportStatus>(),
		text: text('text'),
		isPublic: boolean('is_public').notNull().default(false)
	},
	(t) => [index('report_event_report_idx').on(t.reportId, t.at), index('report_event_municipality_idx').on(t.municipalityId, t.reportId)]
);

/** A saved inbox view: a name for a filter of the staff inbox (its query string). */
export const reportSavedView = pgTable(
	'report_saved_view',
	{
		id: serial('id').primaryKey(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		query: text('query').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('report_saved_view_key').on(t.accountId, t.name)]
);

/**
 * Unterstützung: "this affects me too" instead of a duplicate. One per account or address; a
 * guest confirms by a link. Supporters who ask for it are told of status changes.
 */
export const reportSupport = pgTable(
	'report_support',
	{
		id: serial('id').primaryKey(),
		reportId: integer('report_id')
			.notNull()
			.references(() => report.id, { onDelete: 'cascade' }),
		accountId: uuid('account_id').references(() => account.id, { onDelete: 'cascade' }),
		email: text('email'),
		locale: text('locale', { enum: ['de', 'en'] }).notNull().default('de'),
		notify: boolean('notify').notNull().default(false),
		confirmationHash: text('confirmation_hash'),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('report_support_account_key').on(t.reportId, t.accountId),
		uniqueIndex('report_support_email_key').on(t.reportId, sql`lower(${t.email})`),
		uniqueIndex('report_support_confirmation_key').on(t.confirmationHash),
		index('report_support_report_idx').on(t.reportId).where(sql`${t.confirmedAt} is not null`)
	]
);

/** Rückfrage: staff ask the reporter by e-mail; the answer comes back through a one-time link. */
export const reportQuestion = pgTable(
	'report_question',
	{
		id: serial('id').primaryKey(),
		reportId: integer('report_id')
			.notNull()
			.references(() => report.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		question: text('question').notNull(),
		askedBy: uuid('asked_by').references(() => account.id, { onDelete: 'set null' }),
		askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
		answeredAt: timestamp('answered_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('report_question_token_key').on(t.tokenHash), index('report_question_report_idx').on(t.reportId)]
);

/**
 * Zuständigkeitsregel: reports of a category (optionally only near a layer, e.g. the lines of the
 * Kreisstraßen with a buffer) go to an outside body by e-mail and are closed as "weitergeleitet".
 */
export const routingRule = pgTable(
	'routing_rule',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => reportCategory.id, { onDelete: 'cascade' }),
		layer: geometry4326('layer'),
		bufferMetres: integer('buffer_metres').notNull().default(0),
		targetName: text('target_name').notNull(),
		targetEmail: text('target_email').notNull(),
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('routing_rule_category_idx').on(t.categoryId), index('routing_rule_layer_idx').using('gist', t.layer)]
);

/**
 * Team einer Kommune (Bauhof, Ordnungsamt …): owns some categories; new reports of those go to
 * its mailbox instead of the shared one, and reports can be assigned to it.
 */
export const reportTeam = pgTable(
	'report_team',
	{
		id: serial('id').primaryKey(),
		municipalityId: integer('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		email: text('email'),
		categoryCodes: jsonb('category_codes').$type<string[]>().notNull().default([])
	},
	(t) => [uniqueIndex('report_team_name_key').on(t.municipalityId, t.name)]
);

/**
 * The public statistics of a year, computed from every report of the installation. Aggregating a
 * year of a national installation takes seconds, so the public page reads this snapshot and
 * refreshes it when it is older than a few minutes (one process at a time, the others keep showing
 * the previous one). The back office's statistics cover a few municipalities and stay live.
 */
export const reportStatisticsSnapshot = pgTable('report_statistics_snapshot', {
	year: integer('year').primaryKey(),
	rows: jsonb('rows').$type<unknown[]>().notNull(),
	computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
	refreshingSince: timestamp('refreshing_since', { withTimezone: true })
});
