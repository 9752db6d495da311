import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/lib/server/db/client.ts';

export const backend = (process.env.TEST_BACKEND ?? 'pglite') as 'pglite' | 'postgres';

/**
 * A fresh database for one test file, migrated and holding the Partheland region: a PGlite loaded
 * from the dump made in the global setup, or a clone of the PostgreSQL template.
 */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
	if (backend === 'pglite') {
		const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
		const database = await openDatabase({ dump });
		return Object.assign(database, { drop: () => database.close() });
	}
	const base = new URL(process.env.TEST_DATABASE_URL!);
	const name = `partheland_test_${crypto.randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: base.href });
	await admin.connect();
	await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.href, poolSize: 4 });
	return Object.assign(database, {
		async drop() {
			await database.close();
			const a = new pg.Client({ connectionString: base.href });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		},
		url: url.href
	});
}

/** PGlite only: writes the migrated test database into `<dataDir>/db/pgdata`, as a server would have it. */
export async function materializePglite(dataDir: string) {
	const { PGlite } = await import('@electric-sql/pglite');
	const { postgis } = await import('@electric-sql/pglite-postgis');
	const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]);
	fs.mkdirSync(`${dataDir}/db`, { recursive: true });
	const client = new PGlite(`${dataDir}/db/pgdata`, { loadDataDir: dump, extensions: { postgis } });
	await client.waitReady;
	await client.close();
}
