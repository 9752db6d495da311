import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { apiKey } from './tables.ts';

export type ApiKeyRow = typeof apiKey.$inferSelect;

export async function insertApiKey(db: Db, values: typeof apiKey.$inferInsert) {
	const [row] = await db.insert(apiKey).values(values).returning();
	return row;
}

export async function findLiveKey(db: Db, keyHash: string) {
	const [row] = await db.select().from(apiKey).where(and(eq(apiKey.keyHash, keyHash), isNull(apiKey.revokedAt)));
	return row;
}

export async function findKey(db: Db, id: number) {
	const [row] = await db.select().from(apiKey).where(eq(apiKey.id, id));
	return row;
}

export async function touchKey(db: Db, id: number) {
	await db.update(apiKey).set({ lastUsedAt: sql`now()` }).where(eq(apiKey.id, id));
}

export async function revokeKey(db: Db, id: number) {
	await db.update(apiKey).set({ revokedAt: sql`now()` }).where(and(eq(apiKey.id, id), isNull(apiKey.revokedAt)));
}

/** Keys of some municipalities (and region-wide ones when `region`), newest first. */
export async function listKeys(db: Db, scope: 'all' | string[]) {
	return db
		.select()
		.from(apiKey)
		.where(scope === 'all' ? undefined : inArray(apiKey.municipalityAgs, scope.length ? scope : ['-']))
		.orderBy(desc(apiKey.id))
		.limit(200);
}
