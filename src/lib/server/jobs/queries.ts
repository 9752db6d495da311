import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';

export type JobRow = {
	id: string;
	name: string;
	state: string;
	retryCount: number;
	retryLimit: number;
	createdOn: Date;
	completedOn: Date | null;
	output: unknown;
};

/** Jobs that failed for good or are waiting for a retry, newest first. The pg-boss schema exists once the queue has started. */
export async function listTroubledJobs(db: Db, limit = 100) {
	const [exists] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('pgboss.job') is not null as present`);
	if (!exists?.present) return [];
	return queryRows<JobRow>(
		db,
		sql`select id::text, name, state::text, retry_count as "retryCount", retry_limit as "retryLimit",
			created_on as "createdOn", completed_on as "completedOn", output
			from pgboss.job where state in ('failed', 'retry') order by created_on desc limit ${limit}`
	);
}
