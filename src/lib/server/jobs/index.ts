import { PgBoss, fromPglite } from 'pg-boss';
import type { Database, Db } from '../db/client.ts';
import { log } from '../log.ts';

/**
 * Background work through pg-boss in the platform's own database (its `pgboss` schema): mail
 * delivery, nightly clean-up. A failed job is retried with exponential backoff; failures stay
 * visible to platform admins in the back office.
 */
export type JobDefinition<T extends object = Record<string, unknown>> = {
	queue: string;
	/** Cron expression (Europe/Berlin) for recurring jobs. */
	schedule?: string;
	retryLimit?: number;
	/** Seconds before the first retry; doubled with every further one. */
	retryDelay?: number;
	run(db: Db, data: T, attempt: { retryCount: number; retryLimit: number }): Promise<void>;
};

let boss: PgBoss | undefined;

export async function startJobs(database: Database, definitions: JobDefinition<never>[]) {
	const instance =
		'pglite' in database.jobsConnection
			? new PgBoss({ db: fromPglite(database.jobsConnection.pglite), backend: 'pglite' })
			: new PgBoss({ connectionString: database.jobsConnection.url, max: 3 });
	instance.on('error', (error) => log.warn({ err: (error as Error).message }, 'job queue error'));
	await instance.start();
	for (const definition of definitions as JobDefinition[]) {
		await instance.createQueue(definition.queue, {
			retryLimit: definition.retryLimit ?? 5,
			retryDelay: definition.retryDelay ?? 30,
			retryBackoff: true
		});
		await instance.work(definition.queue, { includeMetadata: true }, async ([job]) => {
			await definition.run(database.db, (job.data ?? {}) as Record<string, unknown>, { retryCount: job.retryCount, retryLimit: job.retryLimit });
		});
		if (definition.schedule) await instance.schedule(definition.queue, definition.schedule, null, { tz: 'Europe/Berlin' });
	}
	boss = instance;
	return instance;
}

export async function stopJobs() {
	const running = boss;
	boss = undefined;
	await running?.stop({ graceful: true, timeout: 5000 });
}

/** Queues a job. Without a running queue (command-line tools, tests) nothing is queued and false is returned. */
export async function enqueueJob(queue: string, data: object) {
	if (!boss) return false;
	await boss.send(queue, data);
	return true;
}

export * as jobQueries from './queries.ts';
