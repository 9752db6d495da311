import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.ts';

const pgUrl = process.env.TEST_DATABASE_URL;

describe('server process', () => {
	it('stops gracefully on SIGTERM and releases the embedded database', async () => {
		const server = await startServer();
		try {
			expect(fs.existsSync(path.join(server.dataDir, 'db', 'partheland.lock'))).toBe(true);
			expect(await server.stop()).toBe(0);
			expect(server.output()).toContain('SIGTERM');
			expect(fs.existsSync(path.join(server.dataDir, 'db', 'partheland.lock'))).toBe(false);
		} finally {
			fs.rmSync(server.dataDir, { recursive: true, force: true });
		}
	});

	it('refuses a second process on the same embedded database with a clear message', async () => {
		const first = await startServer();
		try {
			await expect(startServer({ DATA_DIR: first.dataDir })).rejects.toThrow(/wird bereits von Prozess \d+ benutzt/);
			expect((await fetch(`${first.url}/healthz`)).status).toBe(200); // the first one is unharmed
		} finally {
			await first.stop();
			fs.rmSync(first.dataDir, { recursive: true, force: true });
		}
	});
});

describe('going live', () => {
	const run = (script: string, args: string[], env: Record<string, string>) =>
		execFileSync(process.execPath, [script, ...args], { env: { ...process.env, PASSWORD_MEMORY_KIB: '1024', PASSWORD_TIME_COST: '1', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });

	it('creates the first platform admin on an empty database without demo data, who can then sign in', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-live-'));
		try {
			const out = run('scripts/admin-create.ts', ['--email', 'betrieb@example.org', '--name', 'Betrieb'], { DATA_DIR: dataDir, DEMO_DATA: 'off' });
			expect(out).toContain('Administrator/in der Plattform angelegt: betrieb@example.org');
			const password = out.match(/Passwort .*: (\S+)$/m)![1];
			const server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'off' });
			try {
				const post = (email: string, pw: string) =>
					fetch(`${server.url}/anmelden`, {
						method: 'POST',
						redirect: 'manual',
						headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
						body: new URLSearchParams({ email, password: pw })
					});
				expect((await post('betrieb@example.org', password)).status).toBe(303);
				// no demo accounts on a production database
				expect((await post('admin@partheland.example', 'partheland-demo')).status).toBe(400);
			} finally {
				await server.stop();
			}
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('removes the demo accounts from a database that has them', async () => {
		const server = await startServer();
		await server.stop();
		try {
			expect(run('scripts/demo-remove.ts', [], { DATA_DIR: server.dataDir, DEMO_DATA: 'off' })).toContain('10 Demo-Konten entfernt.');
			expect(run('scripts/demo-remove.ts', [], { DATA_DIR: server.dataDir, DEMO_DATA: 'off' })).toContain('0 Demo-Konten entfernt.');
		} finally {
			fs.rmSync(server.dataDir, { recursive: true, force: true });
		}
	});
});

describe.skipIf(!pgUrl)('on PostgreSQL', () => {
	async function freshDatabase() {
		const name = `partheland_proc_${process.pid}_${Date.now()}`;
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(pgUrl!);
		url.pathname = `/${name}`;
		return {
			url: url.href,
			admin,
			async drop() {
				await admin.query(`drop database if exists ${name} with (force)`);
				await admin.end();
			},
			name
		};
	}

	it('lets several processes start at once on an empty database: migrated and filled exactly once', async () => {
		const db = await freshDatabase();
		const dirs = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-proc-')));
		const servers = await Promise.all(dirs.map((dir) => startServer({ DATABASE_URL: db.url, DATA_DIR: dir })));
		try {
			for (const s of servers) expect((await (await fetch(`${s.url}/healthz`)).json()).database.backend).toBe('postgres');
			const client = new pg.Client({ connectionString: db.url });
			await client.connect();
			const counts = await client.query(
				'select (select count(*)::int from municipality) m, (select count(*)::int from leitbild_revision) r, (select count(*)::int from district) d'
			);
			await client.end();
			expect(counts.rows[0]).toEqual({ m: 7, r: 1, d: 35 });
		} finally {
			await Promise.all(servers.map((s) => s.stop()));
			dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
			await db.drop();
		}
	});

	it('reports 503 on /healthz when the database cannot be reached, and recovers', async () => {
		const db = await freshDatabase();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-proc-'));
		const server = await startServer({ DATABASE_URL: db.url, DATA_DIR: dir });
		try {
			await db.admin.query(`alter database ${db.name} allow_connections false`);
			await db.admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [db.name]);
			const down = await fetch(`${server.url}/healthz`);
			expect(down.status).toBe(503);
			expect(await down.json()).toEqual({ status: 'error', database: { status: 'unreachable' } });
			await db.admin.query(`alter database ${db.name} allow_connections true`);
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		} finally {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
			await db.drop();
		}
	});
});
