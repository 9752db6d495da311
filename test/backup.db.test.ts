import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backend, materializePglite, openTestDatabase } from './db.ts';
import { readConfig } from '../src/lib/server/config.ts';
import { createBackup, restoreBackup } from '../src/lib/server/backup.ts';
import { openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { queryRows } from '../src/lib/server/db/client.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-backup-test-'));
const cleanups: (() => Promise<unknown> | void)[] = [() => fs.rmSync(dataDir, { recursive: true, force: true })];
afterAll(async () => {
	for (const c of cleanups.reverse()) await c();
});

async function configured() {
	if (backend === 'pglite') {
		await materializePglite(dataDir);
		return readConfig({ DATA_DIR: dataDir });
	}
	const db = (await openTestDatabase()) as Awaited<ReturnType<typeof openTestDatabase>> & { url: string };
	await db.close();
	cleanups.push(() => db.drop());
	return readConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url });
}

const municipalities = async (cfg: ReturnType<typeof readConfig>) => {
	const database = await openConfiguredDatabase(cfg);
	try {
		return (await queryRows<{ name: string }>(database.db, sql`select name from municipality order by name`)).map((r) => r.name);
	} finally {
		await database.close();
	}
};

describe(`backup and restore (${backend})`, () => {
	it('brings back the database and the uploaded files together', async () => {
		const cfg = await configured();
		fs.mkdirSync(path.join(cfg.uploadsDir, 'reports'), { recursive: true });
		fs.writeFileSync(path.join(cfg.uploadsDir, 'reports', 'foto.webp'), 'bild');
		const file = path.join(dataDir, 'sicherung.tar.gz');
		const manifest = await createBackup(cfg, file);
		expect(manifest.backend).toBe(backend);

		// something goes wrong: a municipality (with the measures it takes part in) and a file are lost
		const database = await openConfiguredDatabase(cfg);
		await database.db.execute(sql`delete from measure where lead_ags = '14729340' or id in (select measure_id from measure_participant where ags = '14729340')`);
		await database.db.execute(sql`delete from membership where municipality_ags = '14729340'`);
		await database.db.execute(sql`delete from membership where person_id in (select id from person where municipality_ags = '14729340')`);
		await database.db.execute(sql`delete from person where municipality_ags = '14729340'`);
		await database.db.execute(sql`delete from municipality where ags = '14729340'`);
		await database.close();
		fs.rmSync(path.join(cfg.uploadsDir, 'reports', 'foto.webp'));
		fs.writeFileSync(path.join(cfg.uploadsDir, 'neu.txt'), 'nach der Sicherung');
		expect(await municipalities(cfg)).not.toContain('Parthenstein');

		await restoreBackup(cfg, file);
		expect(await municipalities(cfg)).toHaveLength(7);
		expect(await municipalities(cfg)).toContain('Parthenstein');
		expect(fs.readFileSync(path.join(cfg.uploadsDir, 'reports', 'foto.webp'), 'utf8')).toBe('bild');
		expect(fs.existsSync(path.join(cfg.uploadsDir, 'neu.txt'))).toBe(false);
	});

	it('refuses a backup of the other back end and a file that is not a backup', async () => {
		const other = backend === 'pglite' ? readConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }) : readConfig({ DATA_DIR: dataDir });
		await expect(restoreBackup(other, path.join(dataDir, 'sicherung.tar.gz'))).rejects.toThrow(/Die Sicherung stammt aus/);
		const junk = path.join(dataDir, 'junk.tar.gz');
		fs.writeFileSync(junk, 'kein archiv');
		await expect(restoreBackup(other, junk)).rejects.toThrow(/keine lesbare Partheland-Sicherung/);
	});
});
