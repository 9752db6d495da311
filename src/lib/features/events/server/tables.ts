import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { point4326 } from '../../../server/db/types.ts';
import { municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import type { EventCategory } from '../categories.ts';
import { place } from '../../places/server/tables.ts';

/**
 * A municipality's subscription to an external iCalendar (its website's calendar), fetched
 * hourly; its events are marked with it and changed only by it.
 */
export const eventSource = pgTable(
	'event_source',
	{
		id: serial('id').primaryKey(),
		municipalityAgs: text('municipality_ags')
			.notNull()
			.references(() => municipality.ags),
		url: text('url').notNull(),
		name: text('name').notNull(),
		/** For entries without a category the platform knows. */
		defaultCategory: text('default_category').$type<EventCategory>().notNull(),
		lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
		lastStatus: text('last_status').$type<'ok' | 'error'>(),
		/** The problem of the last fetch, or the entries it skipped. */
		lastMessage: text('last_message'),
		eventCount: integer('event_count').notNull().default(0),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('event_source_url_key').on(t.municipalityAgs, t.url)]
);

/**
 * submitted: an organiser's event waiting for an editor; returned: sent back with a comment;
 * published: in the calendar; withdrawn: taken out (kept for the record and the feeds' CANCEL).
 */
export const eventStatuses = ['submitted', 'returned', 'published', 'withdrawn'] as const;
export type EventStatus = (typeof eventStatuses)[number];

/**
 * Veranstaltung. `startsAt`/`endsAt` are the first occurrence; a recurring event repeats its
 * Berlin wall-clock time by `rrule`, without the days in `exceptions`, plus the days in
 * `additions`. All-day events run from midnight of the first day to midnight after the last.
 */
export const event = pgTable(
	'event',
	{
		id: serial('id').primaryKey(),
		title: text('title').notNull(),
		/** Safe Markdown subset. */
		description: text('description').notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		allDay: boolean('all_day').notNull().default(false),
		rrule: text('rrule'),
		exceptions: text('exceptions').array().notNull().default(sql`'{}'`),
		additions: text('additions').array().notNull().default(sql`'{}'`),
		/** A place of the directory; its name, address and point are copied when the event is saved. */
		placeId: integer('place_id').references(() => place.id, { onDelete: 'set null' }),
		locationName: text('location_name'),
		address: text('address'),
		point: point4326('point'),
		/** From the point where there is one; else chosen. */
		municipalityAgs: text('municipality_ags')
			.notNull()
			.references(() => municipality.ags),
		categories: text('categories').array().$type<EventCategory[]>().notNull(),
		isFree: boolean('is_free').notNull().default(false),
		price: text('price'),
		organiser: text('organiser'),
		/** Public contact of the organiser (shown on the page, not in the open data). */
		contact: text('contact'),
		registrationUrl: text('registration_url'),
		accessible: boolean('accessible').notNull().default(false),
		accessibilityNotes: text('accessibility_notes'),
		imageKey: text('image_key'),
		thumbKey: text('thumb_key'),
		imageAlt: text('image_alt'),
		status: text('status').$type<EventStatus>().notNull(),
		/** An editor's comment when returning an event to its organiser. */
		reviewComment: text('review_comment'),
		submittedBy: uuid('submitted_by').references(() => account.id, { onDelete: 'set null' }),
		/** The organiser confirmed holding the rights to text and image and agreed to open data. */
		rightsConfirmedAt: timestamp('rights_confirmed_at', { withTimezone: true }),
		cancelled: boolean('cancelled').notNull().default(false),
		/** Imported: the subscription it came from, its UID there and a hash of its entry. */
		sourceId: integer('source_id').references((): AnyPgColumn => eventSource.id, { onDelete: 'cascade' }),
		externalUid: text('external_uid'),
		sourceFingerprint: text('source_fingerprint'),
		/** Raised on every change, for the SEQUENCE of the iCalendar entries. */
		sequence: integer('sequence').notNull().default(0),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		index('event_status_municipality_idx').on(t.status, t.municipalityAgs),
		index('event_categories_idx').using('gin', t.categories),
		index('event_submitted_by_idx').on(t.submittedBy),
		index('event_place_idx').on(t.placeId),
		index('event_point_idx').using('gist', t.point),
		// the newest change: feeds' versions, the open-data catalogue
		index('event_updated_idx').on(t.updatedAt),
		uniqueIndex('event_source_uid_key').on(t.sourceId, t.externalUid),
		check('event_end_check', sql`${t.endsAt} >= ${t.startsAt}`),
		check('event_status_check', sql`${t.status} in ('submitted','returned','published','withdrawn')`)
	]
);

/**
 * The occurrences of every event, expanded ahead (recurring ones up to a horizon and a cap), so
 * that a day, week or month of the calendar is one indexed range query.
 */
export const eventOccurrence = pgTable(
	'event_occurrence',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.eventId, t.startsAt] }), index('event_occurrence_starts_idx').on(t.startsAt, t.eventId), index('event_occurrence_ends_idx').on(t.endsAt)]
);
