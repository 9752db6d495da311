import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startServer, type RunningServer } from './server.ts';
import { pointInBorsdorf } from './crash.ts';
import { sessionOf } from './people.ts';
import { startS3Server } from '../test/s3.ts';
import { startSmtpServer } from '../test/smtp.ts';

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

/**
 * Two app processes on one PostgreSQL, uploads in an S3 bucket (s3rver in its own process), mail
 * to an SMTP peer: what a person does on one process holds on the other, so a load balancer may
 * send each request anywhere. Nothing the platform must remember lives in a process's memory.
 */
describe.skipIf(!pgUrl)('several app processes on one PostgreSQL', () => {
	let database: { url: string; drop(): Promise<void> };
	let s3: Awaited<ReturnType<typeof startS3Server>>;
	let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
	let servers: RunningServer[] = [];
	const post = (server: RunningServer, route: string, body: URLSearchParams | FormData, cookie?: string) =>
		fetch(`${server.url}${route}`, { method: 'POST', redirect: 'manual', body, headers: { origin: server.url, accept: 'text/html', ...(cookie ? { cookie } : {}) } });

	beforeAll(async () => {
		const name = `partheland_multi_${process.pid}`;
		const admin = new pg.Client({ connectionString: pgUrl });
		await admin.connect();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(pgUrl!);
		url.pathname = `/${name}`;
		database = {
			url: url.href,
			async drop() {
				const client = new pg.Client({ connectionString: pgUrl });
				await client.connect();
				await client.query(`drop database if exists ${name} with (force)`);
				await client.end();
			}
		};
		[s3, smtp] = await Promise.all([startS3Server(), startSmtpServer()]);
		const env = { DATABASE_URL: database.url, STORAGE_URL: s3.url(), SMTP_URL: smtp.url };
		servers = await Promise.all([startServer(env), startServer(env)]);
	}, 180_000);

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
		await Promise.all([s3?.stop(), smtp?.close(), database?.drop()]);
	});

	const query = async (sql: string, params: unknown[] = []) => {
		const client = new pg.Client({ connectionString: database.url });
		await client.connect();
		try {
			return (await client.query(sql, params)).rows;
		} finally {
			await client.end();
		}
	};

	it('keeps a session made on one process on the other, and ends it there for both', async () => {
		const [a, b] = servers;
		const cookie = await sessionOf(a.url, 'admin.borsdorf@partheland.example');
		const inbox = await fetch(`${b.url}/verwaltung/anliegen`, { headers: { cookie }, redirect: 'manual' });
		expect(inbox.status).toBe(200);
		expect(await inbox.text()).toContain('Borsdorf');
		expect((await post(b, '/abmelden', new URLSearchParams(), cookie)).status).toBeLessThan(400);
		const after = await fetch(`${a.url}/verwaltung/anliegen`, { headers: { cookie }, redirect: 'manual' });
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toContain('/anmelden');
	});

	it('counts a rate limit over all processes: five failed sign-ins spread over both lock the address', async () => {
		const [a, b] = servers;
		const signIn = (server: RunningServer, password: string) => post(server, '/anmelden', new URLSearchParams({ email: 'buergerin@partheland.example', password }));
		for (const server of [a, b, a, b, a]) expect((await signIn(server, 'falsch-geraten')).status).toBe(400);
		// with a limit in each process's memory, either process would still let the sixth try through
		expect((await signIn(b, 'partheland-demo')).status).toBe(429);
		expect((await signIn(a, 'partheland-demo')).status).toBe(429);
	});

	it('serves from one process the photo uploaded through the other, from the bucket, and mails each confirmation exactly once', async () => {
		const [a, b] = servers;
		const { lon, lat } = await pointInBorsdorf(a.url);
		const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a63' } }).jpeg().toBuffer();
		const senders = [0, 1, 2, 3, 4, 5].map((n) => `mehrprozess-${n}@example.org`);
		const ids: number[] = [];
		for (const [n, email] of senders.entries()) {
			const form = new FormData();
			for (const [k, v] of Object.entries({ category: 'sonstiges', lat: String(lat), lon: String(lon), description: `Mehrprozess ${n}: Schild umgefahren.`, email, duplicatesSeen: '1' })) form.set(k, v);
			form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'schild.jpg');
			const res = await post(n % 2 ? b : a, '/anliegen/neu', form);
			expect(res.status).toBe(303);
			ids.push(Number(new URL(res.headers.get('location')!, a.url).searchParams.get('nr')));
		}
		// the files are in the bucket, none in either process's directory
		const [photo] = await query('select id, report_id, file_key from report_photo where report_id = $1', [ids[0]]);
		expect(fs.existsSync(path.join(s3.directory, 'uploads'))).toBe(true);
		for (const server of servers) expect(fs.existsSync(path.join(server.dataDir, 'uploads', photo.file_key))).toBe(false);
		const staff = await sessionOf(b.url, 'admin.borsdorf@partheland.example');
		const served = await fetch(`${b.url}/anliegen/${photo.report_id}/fotos/${photo.id}`, { headers: { cookie: staff } });
		expect(served.status).toBe(200);
		expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(640);

		// both processes work the mail queue; each confirmation travels once
		const deadline = Date.now() + 60_000;
		while (senders.some((email) => !smtp.received.some((m) => m.to.includes(email))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
		await new Promise((r) => setTimeout(r, 3000)); // room for a duplicate to arrive
		for (const email of senders) expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
	}, 120_000);
});
