import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database on either back end: embedded PGlite (default) or a PostgreSQL server. */
export interface Database {
	db: Db;
	backend: 'pglite' | 'postgres';
	/** Runs `fn` while holding a cluster-wide advisory lock (migrations, seeding). */
	withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
	ping(): Promise<void>;
	close(): Promise<void>;
	/** Embedded database only: a consistent gzip tarball of the data directory (backups, tests). */
	dumpDataDir?(): Promise<Blob>;
	/** How the job queue reaches this database: the embedded client, or the server's URL. */
	jobsConnection: { pglite: import('@electric-sql/pglite').PGlite } | { url: string };
}

/** Raw SQL for the few places that need it (tests, checks); both drivers answer with `rows`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

export type OpenOptions =
	| { url: string; poolSize?: number }
	| { dir: string; lock?: boolean }
	| { dump: Blob }; // tests: a migrated PGlite loaded from a dump, in memory

export async function openDatabase(options: OpenOptions): Promise<Database> {
	return 'url' in options ? openPostgres(options.url, options.poolSize) : openPglite(options);
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
	const { default: pg } = await import('pg');
	const { drizzle } = await import('drizzle-orm/node-postgres');
	// Keep date columns as strings: a date has no time zone, JS Date would shift it.
	pg.types.setTypeParser(1082, (v: string) => v);
	const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
	pool.on('error', () => {}); // an idle client lost: the pool replaces it; /healthz reports
	// A client checked out (in a transaction) whose server goes away emits 'error' between two
	// queries; without a listener that ends the process. Its next query fails instead (a 503), and
	// the pool drops it on release.
	pool.on('connect', (client) => client.on('error', () => {}));
	const db = drizzle({ client: pool, schema }) as unknown as Db;
	let ended: Promise<void> | undefined;
	return {
		db,
		backend: 'postgres',
		jobsConnection: { url },
		async withAdvisoryLock(key, fn) {
			const client = await pool.connect();
			try {
				await client.query('select pg_advisory_lock($1)', [key]);
				return await fn();
			} finally {
				await client.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
				client.release();
			}
		},
		async ping() {
			await pool.query('select 1');
		},
		close: () => (ended ??= pool.end())
	};
}

async function openPglite(options: { dir: string; lock?: boolean } | { dump: Blob }): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { postgis } = await import('@electric-sql/pglite-postgis');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
	const { drizzle } = await import('drizzle-orm/pglite');
	const extensions = { postgis, pg_trgm, unaccent };
	let release = () => {};
	let client: InstanceType<typeof PGlite>;
	if ('dir' in options) {
		if (options.lock !== false) release = lockDataDir(options.dir);
		try {
			client = await openPgliteDir(PGlite, options.dir, extensions);
		} catch (error) {
			release();
			throw error;
		}
	} else {
		client = new PGlite({ extensions, loadDataDir: options.dump });
		await client.waitReady;
	}
	await client.exec(`set timezone = 'UTC'`);
	const db = drizzle({ client, schema }) as unknown as Db;
	let closed = false;
	return {
		db,
		backend: 'pglite',
		jobsConnection: { pglite: client },
		// One process owns the directory (see lock.ts) and PGlite has one connection: no lock needed.
		withAdvisoryLock: (_key, fn) => fn(),
		dumpDataDir: () => client.dumpDataDir('gzip'),
		async ping() {
			if (closed) throw new Error('closed');
			await db.execute(sql`select 1`);
		},
		async close() {
			if (closed) return;
			closed = true;
			try {
				await client.close();
			} finally {
				release();
			}
		}
	};
}

async function openPgliteDir(
	PGlite: typeof import('@electric-sql/pglite').PGlite,
	dir: string,
	extensions: Record<string, unknown>
) {
	const dbDir = `${dir}/pgdata`;
	const existed = fs.existsSync(`${dbDir}/PG_VERSION`);
	try {
		const client = new PGlite(dbDir, { extensions: extensions as never });
		await client.waitReady;
		return client;
	} catch (error) {
		if (!existed) throw error;
		throw new Error(
			`Die eingebettete Datenbank in ${dbDir} ist beschädigt und konnte nicht geöffnet werden ` +
				`(${(error as Error).message}). Stellen Sie die letzte Sicherung wieder her: ` +
				'npm run restore -- <Sicherungsdatei> (siehe docs/operations.md).',
			{ cause: error }
		);
	}
}

/**
 * Runs `fn` in one transaction (a savepoint when already inside one). Services use it to keep a
 * change, its audit entry and its mails together: all land or none does.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Whether a database error is a foreign-key violation (SQLSTATE 23503), on either driver. */
export function isForeignKeyViolation(error: unknown): boolean {
	for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
		if (e.code === '23503') return true;
	}
	return false;
}
