import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rateLimit } from './tables.ts';

export async function countHit(db: Db, key: string, windowStart: Date) {
	const [row] = await db
		.insert(rateLimit)
		.values({ key, windowStart, hits: 1 })
		.onConflictDoUpdate({ target: [rateLimit.key, rateLimit.windowStart], set: { hits: sql`${rateLimit.hits} + 1` } })
		.returning({ hits: rateLimit.hits });
	return row.hits;
}

export async function deleteWindowsBefore(db: Db, before: Date) {
	await db.delete(rateLimit).where(lt(rateLimit.windowStart, before));
}

export async function uncountHit(db: Db, key: string, windowStart: Date) {
	await db
		.update(rateLimit)
		.set({ hits: sql`${rateLimit.hits} - 1` })
		.where(and(eq(rateLimit.key, key), eq(rateLimit.windowStart, windowStart), gt(rateLimit.hits, 0)));
}
