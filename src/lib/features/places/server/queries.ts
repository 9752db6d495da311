import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality } from '../../region/server/tables.ts';
import { event, eventOccurrence } from '../../events/server/tables.ts';
import { placeCategoryKeys, type PlaceCategory } from '../categories.ts';
import { place } from './tables.ts';
import { withinMetres } from '#lib/server/db/geo.ts';

export type PlaceRow = typeof place.$inferSelect;
export type PlaceFilter = { ags?: string; category?: PlaceCategory; id?: number };
type Point = { lon: number; lat: number };
export type PlaceValues = Omit<typeof place.$inferInsert, 'id' | 'point'> & { point: Point };

const pointOf = (p: Point) => sql`ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)` as unknown as string;
const coordinates = { lon: sql<number>`ST_X(${place.point})`, lat: sql<number>`ST_Y(${place.point})` };

export async function insertPlace(db: Db, values: PlaceValues) {
	const [row] = await db
		.insert(place)
		.values({ ...values, point: pointOf(values.point) })
		.returning({ id: place.id });
	return row;
}
export async function updatePlace(db: Db, id: number, values: Partial<PlaceValues>) {
	const { point, ...rest } = values;
	await db
		.update(place)
		.set({ ...rest, ...(point ? { point: pointOf(point) } : {}), updatedAt: new Date() })
		.where(eq(place.id, id));
}
export async function deletePlace(db: Db, id: number) {
	await db.delete(place).where(eq(place.id, id));
}
export async function findPlace(db: Db, id: number) {
	const [row] = await db
		.select({ place, ...coordinates, municipalityName: municipality.name, municipalitySlug: municipality.slug })
		.from(place)
		.innerJoin(municipality, eq(municipality.ags, place.municipalityAgs))
		.where(eq(place.id, id));
	return row;
}

const filterOf = (f: PlaceFilter) => and(f.ags ? eq(place.municipalityAgs, f.ags) : undefined, f.category ? eq(place.category, f.category) : undefined, f.id ? eq(place.id, f.id) : undefined);

/** Places of a selection by name, keyset-paged by (name, id). */
export async function listPlaces(db: Db, f: PlaceFilter, limit: number, after?: { name: string; id: number }) {
	return db
		.select({ place, ...coordinates, municipalityName: municipality.name })
		.from(place)
		.innerJoin(municipality, eq(municipality.ags, place.municipalityAgs))
		.where(and(filterOf(f), after ? sql`(${place.name}, ${place.id}) > (${after.name}, ${after.id})` : undefined))
		.orderBy(asc(place.name), asc(place.id))
		.limit(limit);
}

/** The points of a selection for the map, keyset by id (the map draws them all). */
export async function placePoints(db: Db, f: PlaceFilter, limit: number, afterId = 0) {
	return db
		.select({ id: place.id, name: place.name, ...coordinates })
		.from(place)
		.where(and(filterOf(f), gt(place.id, afterId)))
		.orderBy(asc(place.id))
		.limit(limit);
}

/** Published events coming up within `metres` of a point (an event held at this place). */
export async function eventsNear(db: Db, p: Point, metres: number, from: Date, limit: number) {
	return db
		.select({ id: event.id, title: event.title, startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, allDay: event.allDay })
		.from(eventOccurrence)
		.innerJoin(event, eq(event.id, eventOccurrence.eventId))
		.where(
			and(
				eq(event.status, 'published'),
				gt(eventOccurrence.endsAt, from),
				withinMetres(event.point, p.lon, p.lat, metres)
			)
		)
		.orderBy(asc(eventOccurrence.startsAt))
		.limit(limit);
}

export async function countPlaces(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(place);
	return row.n;
}
export async function markDemo(db: Db, ids: number[]) {
	if (ids.length) await db.update(place).set({ demo: true }).where(inArray(place.id, ids));
}
export async function deleteDemo(db: Db) {
	return (await db.delete(place).where(eq(place.demo, true)).returning({ id: place.id })).length;
}

/** Names of the places of some municipalities (or all), for choosing one in a form. */
export async function placeChoices(db: Db, scope: 'all' | string[]) {
	if (scope !== 'all' && !scope.length) return [];
	return db
		.select({ id: place.id, name: place.name, municipalityName: municipality.name })
		.from(place)
		.innerJoin(municipality, eq(municipality.ags, place.municipalityAgs))
		.where(scope === 'all' ? undefined : inArray(place.municipalityAgs, scope))
		.orderBy(asc(municipality.sortOrder), asc(place.name))
		.limit(2000);
}

/** Published events coming up at a place of the directory. */
export async function eventsAtPlace(db: Db, placeId: number, from: Date, limit: number) {
	return db
		.select({ id: event.id, title: event.title, startsAt: eventOccurrence.startsAt, endsAt: eventOccurrence.endsAt, allDay: event.allDay })
		.from(eventOccurrence)
		.innerJoin(event, eq(event.id, eventOccurrence.eventId))
		.where(and(eq(event.status, 'published'), eq(event.placeId, placeId), gt(eventOccurrence.endsAt, from)))
		.orderBy(asc(eventOccurrence.startsAt))
		.limit(limit);
}

/** How many places each category has (the start page's entry by category), in the categories' order. */
export async function placeCounts(db: Db) {
	const rows = await db.select({ category: place.category, count: sql<number>`count(*)::int` }).from(place).groupBy(place.category);
	return placeCategoryKeys.flatMap((c) => rows.filter((r) => r.category === c));
}
