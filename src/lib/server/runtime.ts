import { config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import { log } from './log.ts';
import { openConfiguredDatabase, preparePlatform } from './platform.ts';
import { startJobs, stopJobs } from './jobs/index.ts';
import { jobDefinitions } from './domains.ts';
import type { Storage } from './storage/index.ts';
import { openStorage } from './storage/configured.ts';

/** The running server's database, opened once in the `init` hook. */
let database: Database | undefined;
let starting: Promise<Database> | undefined;

export function startPlatform(): Promise<Database> {
	starting ??= (async () => {
		const cfg = config();
		const opened = await openConfiguredDatabase(cfg);
		try {
			await preparePlatform(opened, cfg);
		} catch (error) {
			await opened.close();
			throw error;
		}
		await startJobs(opened, jobDefinitions);
		database = opened;
		log.info({ backend: opened.backend, demo: cfg.DEMO_DATA }, 'platform ready');
		return opened;
	})();
	return starting;
}

export function currentDatabase(): Database {
	if (!database) throw new Error('Die Datenbank ist noch nicht geöffnet.');
	return database;
}

export function db(): Db {
	return currentDatabase().db;
}

export async function stopPlatform() {
	const open = database;
	database = undefined;
	await stopJobs().catch((error) => log.warn({ err: (error as Error).message }, 'stopping the job queue failed'));
	await open?.close();
}

let files: Storage | undefined;
/** Uploaded files of the running server (a directory in DATA_DIR, or a bucket with STORAGE_URL). */
export function storage(): Storage {
	files ??= openStorage(config());
	return files;
}
