import { asc, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality, region } from '../../region/server/tables.ts';

export async function findRegion(db: Db) {
	const [row] = await db.select().from(region).limit(1);
	return row;
}

/** The members in their order (`limit`: the first of a national installation's eleven thousand). */
export async function listMembers(db: Db, limit: number) {
	return db.select({ ags: municipality.ags, name: municipality.name }).from(municipality).orderBy(asc(municipality.sortOrder)).limit(limit);
}

/** How many members, and the Länder they lie in (the AGS' first two digits). */
export async function memberStates(db: Db) {
	const rows = await db
		.select({ state: sql<string>`left(${municipality.ags}, 2)`, n: sql<number>`count(*)::int` })
		.from(municipality)
		.groupBy(sql`left(${municipality.ags}, 2)`)
		.orderBy(sql`left(${municipality.ags}, 2)`);
	return { count: rows.reduce((s, r) => s + r.n, 0), states: rows.map((r) => r.state) };
}

/** The source note of the boundaries (the same for all members after an import). */
export async function boundaryAttribution(db: Db) {
	const [row] = await db.select({ source: municipality.boundarySource }).from(municipality).orderBy(asc(municipality.sortOrder)).limit(1);
	return row?.source;
}
