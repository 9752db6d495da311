import crypto from 'node:crypto';
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

/**
 * Everything a backup must bring back, as one comparable value: every row of every table (in
 * every schema of ours, the job queue's too) and every sequence, and every uploaded file's bytes.
 */
async function fingerprint(cfg: ReturnType<typeof readConfig>) {
	const database = await openConfiguredDatabase(cfg);
	const tables: Record<string, string> = {};
	try {
		const relations = await queryRows<{ name: string; kind: string }>(
			database.db,
			sql`select format('%I.%I', n.nspname, c.relname) as name, c.relkind as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
			    where c.relkind in ('r', 'S') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') order by 1`
		);
		for (const { name, kind } of relations) {
			const [row] = await queryRows<{ rows: string; digest: string | null }>(
				database.db,
				kind === 'S'
					? sql.raw(`select 1 as rows, last_value::text || ':' || is_called::text as digest from ${name}`)
					: sql.raw(`select count(*)::text as rows, md5(string_agg(t::text, E'\n' order by t::text)) as digest from ${name} t`)
			);
			tables[name] = `${row.rows}:${row.digest}`;
		}
	} finally {
		await database.close();
	}
	const files: Record<string, string> = {};
	if (fs.existsSync(cfg.uploadsDir)) {
		for (const entry of fs.readdirSync(cfg.uploadsDir, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile()) continue;
			const full = path.join(entry.parentPath, entry.name);
			files[path.relative(cfg.uploadsDir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
		}
	}
	return { tables, files };
}

describe(`backup and restore (${backend})`, () => {
	it('brings back every row of every table and every file, byte for byte', async () => {
		const cfg = await configured();
		for (const [key, bytes] of [['reports/2026-12/a.webp', crypto.randomBytes(5000)], ['events/2026-12/b.webp', crypto.randomBytes(300)], ['bodies/c.pdf', Buffer.from('%PDF-1.7 ä\0')]] as const) {
			fs.mkdirSync(path.dirname(path.join(cfg.uploadsDir, key)), { recursive: true });
			fs.writeFileSync(path.join(cfg.uploadsDir, key), bytes);
		}
		const before = await fingerprint(cfg);
		expect(Object.keys(before.tables).length).toBeGreaterThan(80); // the platform's tables and pg-boss's
		expect(before.tables['public.municipality']).toMatch(/^7:/);
		const file = path.join(dataDir, 'sicherung.tar.gz');
		await createBackup(cfg, file);

		// changes after the backup in many tables, and in the files
		const database = await openConfiguredDatabase(cfg);
		await database.db.execute(sql`update municipality set inhabitants = inhabitants + 1`);
		await database.db.execute(sql`insert into mail_outbox (recipient, subject, body) values ('x@example.org', 'nach der Sicherung', 'x')`);
		// a municipality lost, with the measures it takes part in and its people
		await database.db.execute(sql`delete from measure where lead_ags = '14729340' or id in (select measure_id from measure_participant where ags = '14729340')`);
		await database.db.execute(sql`delete from membership where municipality_ags = '14729340'`);
		await database.db.execute(sql`delete from membership where person_id in (select id from person where municipality_ags = '14729340')`);
		await database.db.execute(sql`delete from person where municipality_ags = '14729340'`);
		await database.db.execute(sql`delete from municipality where ags = '14729340'`);
		await database.close();
		expect(await municipalities(cfg)).not.toContain('Parthenstein');
		fs.writeFileSync(path.join(cfg.uploadsDir, 'reports/2026-12/a.webp'), 'überschrieben');
		fs.rmSync(path.join(cfg.uploadsDir, 'bodies/c.pdf'));
		fs.writeFileSync(path.join(cfg.uploadsDir, 'danach.webp'), 'neu');
		expect(await fingerprint(cfg)).not.toEqual(before);

		await restoreBackup(cfg, file);
		const after = await fingerprint(cfg);
		expect(after.files).toEqual(before.files);
		expect(after.tables).toEqual(before.tables);
		expect(await municipalities(cfg)).toContain('Parthenstein');
		// the embedded database is opened five times (each with PostGIS): about a minute on two cores
	}, 180_000);

	it('refuses a backup of the other back end and a file that is not a backup', async () => {
		const other = backend === 'pglite' ? readConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }) : readConfig({ DATA_DIR: dataDir });
		await expect(restoreBackup(other, path.join(dataDir, 'sicherung.tar.gz'))).rejects.toThrow(/Die Sicherung stammt aus/);
		const junk = path.join(dataDir, 'junk.tar.gz');
		fs.writeFileSync(junk, 'kein archiv');
		await expect(restoreBackup(other, junk)).rejects.toThrow(/keine lesbare Partheland-Sicherung/);
	});
});
