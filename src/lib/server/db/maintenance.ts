import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Fresh statistics for the query planner. PostgreSQL's autovacuum keeps them; the embedded
 * database runs none, so the nightly clean-up calls this there.
 */
export async function refreshStatistics(db: Db) {
	await db.execute(sql`analyze`);
}
