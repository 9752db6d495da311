import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality } from '../../region/server/tables.ts';
import { account, roleGrant } from '../../accounts/server/tables.ts';
import type { EventCategory } from '../categories.ts';
import { MAX_EVENT_DAYS } from '../recurrence.ts';
import { event, eventOccurrence, eventSource, type EventStatus } from './tables.ts';

export type EventRow = typeof event.$inferSelect;
/** The calendar's selection: every part optional. */
export type EventFilter = { ags?: string; category?: EventCategory; free?: boolean; accessible?: boolean };

const pointColumns = { lon: sql<number | null>`ST_X(${event.point})`, lat: sql<number | null>`ST_Y(${event.point})` };
const pointValue = (p: { lon: number; lat: number } | null) => (p ? sql`ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)` : null);

export type EventValues = Omit<typeof event.$inferInsert, 'point' | 'id'> & { point: { lon: number; lat: number } | null };

export async function insertEvent(db: Db, values: EventValues) {
	const [row] = await db
		.insert(event)
		.values({ ...values, point: pointValue(values.point) as unknown as string })
		.returning({ id: event.id });
	return row;
}
export async function updateEvent(db: Db, id: number, values: Partial<EventValues>) {
	const { point, ...rest } = values;
	await db
		.update(event)
		.set({ ...rest, ...(point !== undefined ? { point: pointValue(point) as unknown as string } : {}), updatedAt: new Date() })
		.where(eq(event.id, id));
}
export async function findEvent(db: Db, id: number) {
	const [row] = await db
		.select({ event, ...pointColumns, municipalityName: municipality.name, municipalitySlug: municipality.slug })
		.from(event)
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(eq(event.id, id));
	return row;
}
export async function deleteEvent(db: Db, id: number) {
	await db.delete(event).where(eq(event.id, id));
}

export async function replaceOccurrences(db: Db, eventId: number, occurrences: { startsAt: Date; endsAt: Date }[]) {
	await db.delete(eventOccurrence).where(eq(eventOccurrence.eventId, eventId));
	for (let i = 0; i < occurrences.length; i += 500) await db.insert(eventOccurrence).values(occurrences.slice(i, i + 500).map((o) => ({ eventId, ...o })));
}
export async function occurrencesOf(db: Db, eventId: number, from: Date, limit: number) {
	return db
		.select({ startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt })
		.from(eventOccurrence)
		.where(and(eq(eventOccurrence.eventId, eventId), gte(eventOccurrence.endsAt, from)))
		.orderBy(asc(eventOccurrence.startsAt))
		.limit(limit);
}

function filterOf(f: EventFilter): SQL | undefined {
	return and(
		eq(event.status, 'published'),
		f.ags ? eq(event.municipalityAgs, f.ags) : undefined,
		f.category ? sql`${event.categories} @> ARRAY[${f.category}]::text[]` : undefined,
		f.free ? eq(event.isFree, true) : undefined,
		f.accessible ? eq(event.accessible, true) : undefined
	);
}

/**
 * Occurrences of published events that are on in [from, to), in order, keyset-paged by
 * (start, event). An occurrence that began before `from` and still runs is included.
 */
export async function listOccurrences(db: Db, f: EventFilter, range: { from: Date; to?: Date }, limit: number, after?: { at: Date; id: number }) {
	return db
		.select({
			startsAt: eventOccurrence.startsAt,
			endsAt: eventOccurrence.endsAt,
			event: {
				id: event.id,
				title: event.title,
				allDay: event.allDay,
				locationName: event.locationName,
				address: event.address,
				categories: event.categories,
				isFree: event.isFree,
				price: event.price,
				accessible: event.accessible,
				cancelled: event.cancelled,
				thumbKey: event.thumbKey,
				rrule: event.rrule
			},
			municipalityAgs: event.municipalityAgs,
			municipalityName: municipality.name
		})
		.from(eventOccurrence)
		.innerJoin(event, eq(event.id, eventOccurrence.eventId))
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(
			and(
				filterOf(f),
				gt(eventOccurrence.endsAt, range.from),
				// bounds the index range: nothing lasts longer than MAX_EVENT_DAYS
				gt(eventOccurrence.startsAt, new Date(range.from.getTime() - MAX_EVENT_DAYS * 86_400_000)),
				range.to ? lt(eventOccurrence.startsAt, range.to) : undefined,
				after ? sql`(${eventOccurrence.startsAt}, ${eventOccurrence.eventId}) > (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined
			)
		)
		.orderBy(asc(eventOccurrence.startsAt), asc(eventOccurrence.eventId))
		.limit(limit);
}

/** What a feed of the selection depends on: how many events there are and when one last changed. */
export async function feedVersion(db: Db, f: EventFilter) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int`, changed: sql<string | null>`max(${event.updatedAt})::text` })
		.from(event)
		.where(and(f.ags ? eq(event.municipalityAgs, f.ags) : undefined, f.category ? sql`${event.categories} @> ARRAY[${f.category}]::text[]` : undefined));
	return `${row.n}-${row.changed ?? ''}`;
}

/** Published events (not occurrences) for the feeds: those with an occurrence ending after `since`, keyset by id. */
export async function listFeedEvents(db: Db, f: EventFilter, since: Date, limit: number, afterId = 0) {
	return db
		.select({ event, ...pointColumns, municipalityName: municipality.name })
		.from(event)
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(
			and(
				filterOf(f),
				gt(event.id, afterId),
				sql`exists (select 1 from event_occurrence o where o.event_id = ${event.id} and o.ends_at > ${since.toISOString()}::timestamptz)`
			)
		)
		.orderBy(asc(event.id))
		.limit(limit);
}

/** The back office's list: the events of some municipalities (or all), by status, newest first. */
export async function listForReview(db: Db, opts: { ags: 'all' | string[]; status?: EventStatus; limit: number; before?: number }) {
	if (opts.ags !== 'all' && !opts.ags.length) return [];
	return db
		.select({ id: event.id, title: event.title, startsAt: event.startsAt, status: event.status, rrule: event.rrule, municipalityName: municipality.name, organiser: event.organiser, updatedAt: event.updatedAt })
		.from(event)
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(and(opts.ags === 'all' ? undefined : inArray(event.municipalityAgs, opts.ags), opts.status ? eq(event.status, opts.status) : undefined, opts.before ? lt(event.id, opts.before) : undefined))
		.orderBy(sql`${event.status} = 'submitted' desc`, desc(event.id))
		.limit(opts.limit);
}
export async function listOwn(db: Db, accountId: string, limit: number) {
	return db
		.select({ id: event.id, title: event.title, startsAt: event.startsAt, status: event.status, reviewComment: event.reviewComment, municipalityName: municipality.name })
		.from(event)
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(eq(event.submittedBy, accountId))
		.orderBy(desc(event.id))
		.limit(limit);
}

/** Recurring published events whose rule has no end: their occurrences are extended nightly. */
export async function openEndedEvents(db: Db, limit: number, afterId = 0) {
	return db
		.select()
		.from(event)
		.where(and(gt(event.id, afterId), sql`${event.rrule} is not null and ${event.rrule} not like '%COUNT=%' and ${event.rrule} not like '%UNTIL=%'`))
		.orderBy(asc(event.id))
		.limit(limit);
}

/** Published events starting from `from`, for the search index and the API, keyset by id. */
export async function listPublishedEvents(db: Db, limit: number, afterId = 0) {
	return db
		.select({ event, municipalityName: municipality.name })
		.from(event)
		.innerJoin(municipality, eq(municipality.ags, event.municipalityAgs))
		.where(and(eq(event.status, 'published'), gt(event.id, afterId)))
		.orderBy(asc(event.id))
		.limit(limit);
}

export async function countEvents(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(event);
	return row.n;
}
export async function markDemo(db: Db, ids: number[]) {
	if (ids.length) await db.update(event).set({ demo: true }).where(inArray(event.id, ids));
}
export async function deleteDemo(db: Db) {
	return (await db.delete(event).where(eq(event.demo, true)).returning({ id: event.id, imageKey: event.imageKey, thumbKey: event.thumbKey })).length;
}

/** Organisers with their municipality, for the editors' list (grant id to revoke). */
export async function organisersOf(db: Db, scope: 'all' | string[]) {
	if (scope !== 'all' && !scope.length) return [];
	return db
		.select({ grantId: roleGrant.id, displayName: account.displayName, email: account.email, municipalityName: municipality.name })
		.from(roleGrant)
		.innerJoin(account, eq(account.id, roleGrant.accountId))
		.innerJoin(municipality, eq(municipality.ags, roleGrant.municipalityAgs))
		.where(and(eq(roleGrant.role, 'organiser'), scope === 'all' ? undefined : inArray(roleGrant.municipalityAgs, scope)))
		.orderBy(asc(municipality.sortOrder), asc(account.displayName));
}

export type SourceRow = typeof eventSource.$inferSelect;
export async function insertSource(db: Db, values: typeof eventSource.$inferInsert) {
	const [row] = await db.insert(eventSource).values(values).returning();
	return row;
}
export async function findSource(db: Db, id: number) {
	const [row] = await db.select().from(eventSource).where(eq(eventSource.id, id));
	return row;
}
export async function sourceByUrl(db: Db, ags: string, url: string) {
	const [row] = await db.select({ id: eventSource.id }).from(eventSource).where(and(eq(eventSource.municipalityAgs, ags), eq(eventSource.url, url)));
	return row;
}
export async function updateSource(db: Db, id: number, values: Partial<typeof eventSource.$inferInsert>) {
	await db.update(eventSource).set(values).where(eq(eventSource.id, id));
}
export async function deleteSource(db: Db, id: number) {
	await db.delete(eventSource).where(eq(eventSource.id, id));
}
export async function listSources(db: Db, scope: 'all' | string[]) {
	if (scope !== 'all' && !scope.length) return [];
	return db
		.select({ source: eventSource, municipalityName: municipality.name })
		.from(eventSource)
		.innerJoin(municipality, eq(municipality.ags, eventSource.municipalityAgs))
		.where(scope === 'all' ? undefined : inArray(eventSource.municipalityAgs, scope))
		.orderBy(asc(municipality.sortOrder), asc(eventSource.id))
		.then((rows) => rows.map((r) => ({ ...r.source, municipalityName: r.municipalityName })));
}
/** The events a source brought, by their UID there. */
export async function eventsOfSource(db: Db, sourceId: number) {
	return db
		.select({ id: event.id, externalUid: event.externalUid, sourceFingerprint: event.sourceFingerprint, sequence: event.sequence })
		.from(event)
		.where(eq(event.sourceId, sourceId))
		.then((rows) => rows.map((r) => ({ ...r, externalUid: r.externalUid ?? '' })));
}
export async function deleteEvents(db: Db, ids: number[]) {
	if (ids.length) await db.delete(event).where(inArray(event.id, ids));
}
