/**
 * Faults and durability (issue 10): the server killed with SIGKILL during report submissions with
 * photos, on PostgreSQL and on the embedded database; a damaged embedded data directory; the
 * PostgreSQL server stopped and started under load. Each against servers of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.ts';
import { crashTest, pointInBorsdorf, type CrashResult } from './crash.ts';
import { publicRoutes } from './routes.ts';
import { startServer, type RunningServer } from './server.ts';

/** What every crash run must show: nothing acknowledged is lost, nothing unacknowledged is half there. */
function expectDurable(result: CrashResult, kills: number) {
	expect(result.restartError).toBeUndefined();
	expect(result.kills).toBe(kills);
	const acknowledged = result.submissions.filter((s) => s.acknowledged);
	// the load was real: reports were acknowledged in every run, and kills cut some off
	expect(acknowledged.length).toBeGreaterThan(kills * 3);
	for (const submission of result.submissions) {
		const stored = result.reports.get(submission.marker) ?? [];
		if (submission.acknowledged) {
			// exactly once, under the number the sender was told, with every photo
			expect(stored, submission.marker).toEqual([expect.objectContaining({ id: submission.acknowledged, photos: submission.photos })]);
		} else {
			// cut off by a kill (or refused): either not there at all, or there completely
			expect(stored.length, submission.marker).toBeLessThanOrEqual(1);
			if (stored.length) expect(stored[0].photos, submission.marker).toBe(submission.photos);
		}
	}
	expect(result.missingFiles).toEqual([]); // no row that points to a missing file
	expect(result.strayFiles).toEqual([]); // no file without a row after the clean-up
}

let cluster: Cluster;
beforeAll(async () => {
	cluster = await startCluster();
}, 60_000);
afterAll(() => cluster?.destroy());

describe('crash: SIGKILL during report submissions with photos', () => {
	it('on PostgreSQL: every acknowledged report is there once with its photos, nothing half written', async () => {
		const result = await crashTest({ kills: 5, env: { DATABASE_URL: cluster.createDatabase('crash') } });
		expectDurable(result, 5);
		console.info(`crash test (PostgreSQL): ${result.kills} kills, ${result.submissions.length} submissions, ${result.submissions.filter((s) => s.acknowledged).length} acknowledged, 0 lost, ${result.orphansRemoved} orphan files cleaned up`);
	}, 300_000);

	it('on the embedded database: the same, measured', async () => {
		const result = await crashTest({ kills: 3 });
		expectDurable(result, 3);
		console.info(`crash test (embedded): ${result.kills} kills, ${result.submissions.length} submissions, ${result.submissions.filter((s) => s.acknowledged).length} acknowledged, 0 lost, ${result.orphansRemoved} orphan files cleaned up`);
	}, 300_000);
});

describe('a damaged embedded data directory', () => {
	it('is detected at start, with the way back from a backup', async () => {
		const server = await startServer();
		await server.stop();
		const pgdata = path.join(server.dataDir, 'db', 'pgdata');
		const intact = path.join(server.dataDir, 'intact');
		fs.cpSync(pgdata, intact, { recursive: true });
		try {
			// the control file overwritten, then (from the intact copy) every WAL segment
			fs.writeFileSync(path.join(pgdata, 'global', 'pg_control'), Buffer.alloc(8192, 0x55));
			await expect(startServer({ DATA_DIR: server.dataDir })).rejects.toThrow(/ist beschädigt und konnte nicht geöffnet werden.*npm run restore -- <Sicherungsdatei>/s);
			fs.rmSync(pgdata, { recursive: true });
			fs.cpSync(intact, pgdata, { recursive: true });
			for (const segment of fs.readdirSync(path.join(pgdata, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f))) {
				fs.writeFileSync(path.join(pgdata, 'pg_wal', segment), Buffer.alloc(1024 * 1024, 0x13));
			}
			await expect(startServer({ DATA_DIR: server.dataDir })).rejects.toThrow(/ist beschädigt.*npm run restore/s);
		} finally {
			fs.rmSync(server.dataDir, { recursive: true, force: true });
		}
	}, 180_000);
});

describe('database outage: PostgreSQL stopped and started under load', () => {
	let server: RunningServer;
	let targets: string[];

	beforeAll(async () => {
		server = await startServer({ DATABASE_URL: cluster.createDatabase('outage'), ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
		const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
		targets = [
			...publicRoutes(),
			...Object.keys(doc.paths).map((p) => `/api/v1${p.replace(/\{[^}]+\}/g, '1')}`),
			'/georeport/v2/services.json',
			'/georeport/v2/requests.xml',
			'/oparl/v1.1/system',
			'/oparl/v1.1/body/partheland/meeting',
			'/veranstaltungen.ics',
			'/nachrichten/rss.xml',
			'/anliegen/karte.geojson',
			'/kooperation/massnahmen.csv',
			'/kooperation/beschluesse.csv',
			'/kooperation/foerderantraege.csv',
			'/opendaten/catalog.ttl',
			'/opendaten/daten/anliegen.csv'
		];
	});
	afterAll(async () => {
		if (server && server.process.exitCode !== null) console.error(server.output().slice(-8000));
		await server?.stop();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
	});

	async function call(target: string) {
		const started = performance.now();
		const res = await fetch(server.url + target, { redirect: 'manual' });
		// a body that breaks off (headers sent, then the connection closed) names its route
		const body = await res.text().catch((e: Error) => {
			throw new Error(`${target}: ${e.message}`, { cause: e });
		});
		return { target, status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body, ms: performance.now() - started };
	}

	/** A 503 in the form of the interface that was asked. */
	function expectUnavailable(answer: Awaited<ReturnType<typeof call>>) {
		expect(answer.status, answer.target).toBe(503);
		expect(answer.retryAfter, answer.target).toBe('30');
		if (answer.target.startsWith('/api/')) expect(JSON.parse(answer.body), answer.target).toMatchObject({ status: 503, title: 'Dienst vorübergehend nicht verfügbar' });
		else if (answer.target.startsWith('/oparl/')) expect(JSON.parse(answer.body), answer.target).toMatchObject({ type: 'https://schema.oparl.org/1.1/Error' });
		else if (answer.target.startsWith('/georeport/')) expect(answer.body, answer.target).toMatch(/<code>503<\/code>|"code":503/);
		else {
			expect(answer.type, answer.target).toBe('text/html; charset=utf-8');
			expect(answer.body, answer.target).toContain('<h1>Vorübergehend nicht verfügbar</h1>');
		}
	}

	async function waitForHealth() {
		const started = Date.now();
		while (Date.now() - started < 30_000) {
			if ((await fetch(`${server.url}/healthz`)).ok) return Date.now() - started;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error('the server did not recover within 30 s');
	}

	it('answers every route with a fast 503 in its interface’s form, and recovers by itself', async () => {
		const healthy = new Map<string, number>();
		for (const target of targets) healthy.set(target, (await call(target)).status);
		for (const [target, status] of healthy) expect(status, target).toBeLessThan(500);
		cluster.stop('fast');
		const answers = [];
		for (const target of targets) answers.push(await call(target));
		for (const answer of answers) {
			// what needs no database (the offline page, a malformed id) answers as before; the rest is a 503
			if (answer.status !== healthy.get(answer.target)) expectUnavailable(answer);
			expect(answer.ms, answer.target).toBeLessThan(1000);
		}
		expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(targets.length * 0.8);
		const form = new FormData();
		form.set('category', 'sonstiges');
		form.set('description', 'Während des Ausfalls gesendet.');
		const write = await fetch(`${server.url}/anliegen/neu`, { method: 'POST', body: form, headers: { origin: server.url, accept: 'text/html' } });
		expect(write.status).toBe(503);
		expect(await write.text()).toContain('Die Datenbank ist gerade nicht erreichbar');

		cluster.start();
		expect(await waitForHealth()).toBeLessThan(10_000);
		for (const target of targets) expect((await call(target)).status, target).toBeLessThan(500);
		expect(server.process.exitCode).toBeNull();
	}, 180_000);

	it('under load with writes, stopped cleanly and crashed: nothing acknowledged is lost, nothing refused is stored, the data is sound', async () => {
		const { lon, lat } = await pointInBorsdorf(server.url);
		const sent: { marker: string; status: number; id?: number }[] = [];
		let running = true;
		let n = 0;
		let answers = 0;
		const reader = async () => {
			while (running) {
				const answer = await call(targets[n++ % targets.length]);
				if (answer.status >= 500) expectUnavailable(answer);
				else answers++;
			}
		};
		const writer = async () => {
			while (running) {
				const marker = `ausfall-${n++}`;
				const form = new URLSearchParams({ category: 'sonstiges', lat: String(lat), lon: String(lon), description: `Ausfalltest ${marker}: Gully verstopft.`, email: 'ausfall@example.org', duplicatesSeen: '1' });
				const res = await fetch(`${server.url}/anliegen/neu`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: server.url, accept: 'text/html', 'x-forwarded-for': `10.9.${(n >> 8) & 255}.${n & 255}` } });
				await res.arrayBuffer();
				sent.push({ marker, status: res.status, id: Number(/nr=(\d+)/.exec(res.headers.get('location') ?? '')?.[1]) || undefined });
			}
		};
		const load = [reader(), reader(), writer(), writer()];
		const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
		for (const mode of ['fast', 'immediate'] as const) {
			await pause(1500);
			cluster.stop(mode);
			await pause(2000);
			cluster.start();
			await waitForHealth();
		}
		await pause(1000);
		running = false;
		await Promise.all(load);

		expect(new Set(sent.map((s) => s.status))).toEqual(new Set([303, 503]));
		const stored = new Map(
			cluster
				.psql(`select substring(description from 'Ausfalltest (\\S+):'), id from report where description like 'Ausfalltest %'`, 'outage')
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('|') as [string, string])
		);
		for (const s of sent) {
			if (s.status === 303) expect(stored.get(s.marker), s.marker).toBe(String(s.id));
			else expect(stored.has(s.marker), s.marker).toBe(false);
		}
		expect(stored.size).toBe(sent.filter((s) => s.status === 303).length);
		// every table and index of the database checked for corruption
		expect(() => cluster.amcheck('outage')).not.toThrow();
		expect(answers).toBeGreaterThan(0);
		expect(server.process.exitCode).toBeNull();
		console.info(`outage test: ${sent.length} reports sent, ${sent.filter((s) => s.status === 303).length} acknowledged and stored, ${sent.filter((s) => s.status === 503).length} refused with 503 and not stored`);
	}, 180_000);
});

describe('storage faults: uploads cannot be written', () => {
	it('the report form says so, keeps what was typed, and stores no report', async () => {
		const database = cluster.createDatabase('storage');
		const server = await startServer({ DATABASE_URL: database });
		try {
			await server.stop();
			// the uploads directory replaced by a file: every write below it fails, as on a broken mount
			fs.rmSync(path.join(server.dataDir, 'uploads'), { recursive: true, force: true });
			fs.writeFileSync(path.join(server.dataDir, 'uploads'), 'kein Verzeichnis');
			const broken = await startServer({ DATABASE_URL: database, DATA_DIR: server.dataDir });
			try {
				const { lon, lat } = await pointInBorsdorf(broken.url);
				const form = new FormData();
				for (const [k, v] of Object.entries({ category: 'sonstiges', lat: String(lat), lon: String(lon), description: 'Speichertest: Bank am Teich kaputt.', email: 'speicher@example.org', duplicatesSeen: '1' })) form.set(k, v);
				const { default: sharp } = await import('sharp');
				const jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
				form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'bank.jpg');
				const send = (body: FormData) => fetch(`${broken.url}/anliegen/neu?kategorie=sonstiges`, { method: 'POST', body, headers: { origin: broken.url, accept: 'text/html' } });
				// a mistake of the sender's own is still shown with it, not only after the photo works again
				const short = new FormData();
				for (const [k, v] of form) short.append(k, v);
				short.set('description', 'kurz');
				const both = await send(short);
				expect(both.status).toBe(503);
				const shown = await both.text();
				expect(shown).toContain('Fotos können gerade nicht gespeichert werden');
				expect(shown).toContain('Bitte beschreiben Sie das Anliegen (mindestens 10 Zeichen).');
				const res = await send(form);
				expect(res.status).toBe(503);
				const html = await res.text();
				expect(html).toContain('Fotos können gerade nicht gespeichert werden. Ihre Meldung wurde noch nicht gesendet');
				expect(html).toContain('Speichertest: Bank am Teich kaputt.'); // what was typed is still in the form
				expect(cluster.psql(`select count(*) from report where description like 'Speichertest%'`, 'storage')).toBe('0');
				expect(cluster.psql('select count(*) from report_photo', 'storage')).toBe('0');
				// without a photo the report still goes through: only the files are affected
				form.delete('photos');
				const without = await fetch(`${broken.url}/anliegen/neu`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: broken.url, accept: 'text/html' } });
				expect(without.status).toBe(303);
				expect(cluster.psql(`select count(*) from report where description like 'Speichertest%'`, 'storage')).toBe('1');
				expect(broken.output()).toContain('photo not stored');
			} finally {
				await broken.stop();
			}
		} finally {
			fs.rmSync(server.dataDir, { recursive: true, force: true });
		}
	}, 120_000);
});
