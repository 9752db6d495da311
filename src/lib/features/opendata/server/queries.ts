import { asc } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality, region } from '../../region/server/tables.ts';

export async function findRegion(db: Db) {
	const [row] = await db.select().from(region).limit(1);
	return row;
}

/** The members, for the spatial coverage of every dataset. */
export async function listMembers(db: Db) {
	return db.select({ ags: municipality.ags, name: municipality.name }).from(municipality).orderBy(asc(municipality.sortOrder));
}

/** The source note of the boundaries (the same for all members after an import). */
export async function boundaryAttribution(db: Db) {
	const [row] = await db.select({ source: municipality.boundarySource }).from(municipality).orderBy(asc(municipality.sortOrder)).limit(1);
	return row?.source;
}
