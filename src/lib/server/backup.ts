import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { openStorage } from './storage/configured.ts';
import { KEY, type Storage } from './storage/index.ts';

/**
 * Backups hold the database and the uploaded files together, in one .tar.gz:
 *   manifest.json            what this is (back end, time, format)
 *   database.pglite.tar.gz   embedded database: PGlite's own consistent dump of its data directory
 *   database.pgdump          PostgreSQL: pg_dump custom format (restored with pg_restore)
 *   uploads/                 the uploaded files (DATA_DIR/uploads or the bucket of STORAGE_URL)
 * The embedded database is locked while the server runs: stop it first. PostgreSQL can be backed
 * up while the platform runs (pg_dump reads a consistent snapshot).
 */
type Manifest = { app: 'partheland'; format: 1; backend: 'pglite' | 'postgres'; createdAt: string };

export async function createBackup(cfg: Config, file: string) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-backup-'));
	try {
		const backend = cfg.DATABASE_URL ? 'postgres' : 'pglite';
		if (cfg.DATABASE_URL) {
			execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(work, 'database.pgdump')}`, cfg.DATABASE_URL], { stdio: 'pipe' });
		} else {
			if (!fs.existsSync(path.join(cfg.pgliteDir, 'pgdata', 'PG_VERSION'))) throw new Error(`Keine eingebettete Datenbank in ${cfg.pgliteDir}.`);
			const database = await openDatabase({ dir: cfg.pgliteDir });
			try {
				const dump = await database.dumpDataDir!();
				fs.writeFileSync(path.join(work, 'database.pglite.tar.gz'), Buffer.from(await dump.arrayBuffer()));
			} finally {
				await database.close();
			}
		}
		await copyUploadsOut(openStorage(cfg), path.join(work, 'uploads'));
		const manifest: Manifest = { app: 'partheland', format: 1, backend, createdAt: new Date().toISOString() };
		fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
		fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		execFileSync('tar', ['-czf', path.resolve(file), '-C', work, '.'], { stdio: 'pipe' });
		return manifest;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * Restores a backup into the configured back end, replacing its database and uploaded files.
 * A backup can only go back to the kind of database it came from.
 */
export async function restoreBackup(cfg: Config, file: string) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-restore-'));
	try {
		let manifest: Manifest;
		try {
			execFileSync('tar', ['-xzf', path.resolve(file), '-C', work], { stdio: 'pipe' });
			manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8')) as Manifest;
		} catch {
			throw new Error(`${file} ist keine lesbare Partheland-Sicherung.`);
		}
		if (manifest.app !== 'partheland' || manifest.format !== 1) throw new Error(`${file} ist keine Partheland-Sicherung.`);
		const backend = cfg.DATABASE_URL ? 'postgres' : 'pglite';
		if (manifest.backend !== backend) {
			throw new Error(`Die Sicherung stammt aus ${manifest.backend === 'pglite' ? 'der eingebetteten Datenbank' : 'PostgreSQL'}; eingestellt ist ${backend === 'pglite' ? 'die eingebettete Datenbank' : 'PostgreSQL'}.`);
		}
		if (cfg.DATABASE_URL) {
			execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${cfg.DATABASE_URL}`, path.join(work, 'database.pgdump')], { stdio: 'pipe' });
		} else {
			const { lockDataDir } = await import('./db/lock.ts');
			const release = lockDataDir(cfg.pgliteDir); // refuses while the server runs
			try {
				const target = path.join(cfg.pgliteDir, 'pgdata');
				const previous = `${target}.vor-wiederherstellung`;
				fs.rmSync(previous, { recursive: true, force: true });
				if (fs.existsSync(target)) fs.renameSync(target, previous);
				const { PGlite } = await import('@electric-sql/pglite');
				const { postgis } = await import('@electric-sql/pglite-postgis');
				const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
				const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
				const dump = new Blob([fs.readFileSync(path.join(work, 'database.pglite.tar.gz'))]);
				const client = new PGlite(target, { loadDataDir: dump, extensions: { postgis, pg_trgm, unaccent } });
				await client.waitReady;
				await client.close();
				fs.rmSync(previous, { recursive: true, force: true });
			} finally {
				release();
			}
		}
		await replaceUploads(openStorage(cfg), path.join(work, 'uploads'));
		return manifest;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Every stored file into a directory, through the storage interface (a local directory or a bucket alike). */
async function copyUploadsOut(storage: Storage, directory: string) {
	fs.mkdirSync(directory);
	for await (const { key } of storage.list('')) {
		const data = await storage.read(key);
		if (!data) continue; // removed meanwhile: its row is gone too, or goes with the nightly clean-up
		fs.mkdirSync(path.dirname(path.join(directory, key)), { recursive: true });
		fs.writeFileSync(path.join(directory, key), data);
	}
}

/** The stored files become exactly those of the backup. */
async function replaceUploads(storage: Storage, directory: string) {
	const keep = new Set(fs.readdirSync(directory, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(directory, path.join(e.parentPath, e.name)).split(path.sep).join('/')).filter((key) => KEY.test(key)));
	for await (const { key } of storage.list('')) if (!keep.has(key)) await storage.remove(key);
	for (const key of keep) await storage.put(key, fs.readFileSync(path.join(directory, key)));
}
