/**
 * npm run bench:export [-- --reports 1000000 --database postgres://…]
 *
 * The open data export at national scale on PostgreSQL: a fresh database (default
 * postgres://postgres@127.0.0.1:5432/partheland_export, dropped and created), the built server on
 * it, `--reports` reports seeded in one statement. Then the whole reports dataset is downloaded as
 * CSV while the server's resident memory is sampled every 100 ms and /ping is timed alongside
 * (the export must neither grow with the table nor block other requests). Prints throughput
 * (rows/s, MB/s), the server's memory before and at its peak, and the /ping latency during the
 * export as a ratio to /ping before it; writes JSON to bench/results/.
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { startServer } from '../e2e/server.ts';
import { openDatabase, queryRows } from '../src/lib/server/db/client.ts';
import { seedReportsBench } from './reports-seed.ts';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};
const reports = Number(arg('reports', '1000000'));
const url = new URL(arg('database', process.env.BENCH_EXPORT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/partheland_export'));

if (!fs.existsSync('build/handler.js')) {
	console.error('Kein Build gefunden: erst `npm run build` ausführen.');
	process.exit(1);
}

const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
const admin = new pg.Client({ connectionString: adminUrl.href });
try {
	await admin.connect();
} catch (error) {
	console.error(`Kein PostgreSQL unter ${adminUrl.host} erreichbar (${(error as Error).message}): der Export-Benchmark braucht einen Server (--database).`);
	process.exit(1);
}
const name = url.pathname.slice(1);
await admin.query(`drop database if exists "${name}" with (force)`);
await admin.query(`create database "${name}"`);
await admin.end();

const server = await startServer({ LOG_LEVEL: 'silent', DEMO_DATA: 'on', DATABASE_URL: url.href });
const database = await openDatabase({ url: url.href, poolSize: 2 });
const t0 = Date.now();
await seedReportsBench(database.db, reports);
const [{ n }] = await queryRows<{ n: number }>(database.db, sql.raw('select count(*)::int n from report r join report_category c on c.id = r.category_id where r.confirmed_at is not null and c.is_public'));
const seedSeconds = (Date.now() - t0) / 1000;
await database.close();

/** Resident memory of the server process in MB (Linux). */
const rss = () => {
	const status = fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};
async function pingMs(times: number) {
	const ms: number[] = [];
	for (let i = 0; i < times; i++) {
		const t = performance.now();
		await (await fetch(`${server.url}/ping`)).arrayBuffer();
		ms.push(performance.now() - t);
	}
	return ms.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

let result;
try {
	await pingMs(50); // warm up
	const pingBefore = await pingMs(200);
	const rssBefore = rss();
	let rssPeak = rssBefore;
	const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 100);
	const pingsDuring: number[] = [];
	let exporting = true;
	const pinger = (async () => {
		while (exporting) {
			const t = performance.now();
			await (await fetch(`${server.url}/ping`)).arrayBuffer();
			pingsDuring.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	const t1 = performance.now();
	const res = await fetch(`${server.url}/opendaten/daten/anliegen.csv`);
	let bytes = 0;
	let lines = 0;
	const reader = res.body!.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		bytes += value.length;
		for (const b of value) if (b === 10) lines++;
	}
	const seconds = (performance.now() - t1) / 1000;
	exporting = false;
	await pinger;
	clearInterval(sampler);
	pingsDuring.sort((a, b) => a - b);
	result = {
		at: new Date().toISOString(),
		backend: 'postgres',
		reports: n,
		seedSeconds,
		status: res.status,
		rows: lines - 1,
		bytes,
		seconds,
		rowsPerSecond: (lines - 1) / seconds,
		mbPerSecond: bytes / 1024 / 1024 / seconds,
		rssBeforeMb: rssBefore,
		rssPeakMb: rssPeak,
		ping: { beforeP50: pct(pingBefore, 0.5), beforeP99: pct(pingBefore, 0.99), duringP50: pct(pingsDuring, 0.5), duringP99: pct(pingsDuring, 0.99), samples: pingsDuring.length }
	};
} finally {
	await server.stop();
	fs.rmSync(server.dataDir, { recursive: true, force: true });
}

const r = result!;
console.log(`\nPostgreSQL, ${r.reports} Anliegen (erzeugt in ${r.seedSeconds.toFixed(1)} s)`);
console.log(`Export /opendaten/daten/anliegen.csv: ${r.rows} Zeilen, ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.seconds.toFixed(1)} s = ${r.rowsPerSecond.toFixed(0)} Zeilen/s, ${r.mbPerSecond.toFixed(1)} MB/s (HTTP ${r.status})`);
console.log(`Speicher des Servers (RSS): ${r.rssBeforeMb.toFixed(0)} MB vorher, höchstens ${r.rssPeakMb.toFixed(0)} MB während des Exports (+${(r.rssPeakMb - r.rssBeforeMb).toFixed(0)} MB)`);
console.log(
	`/ping während des Exports: p50 ${r.ping.duringP50.toFixed(1)} ms, p99 ${r.ping.duringP99.toFixed(1)} ms (vorher ${r.ping.beforeP50.toFixed(1)} / ${r.ping.beforeP99.toFixed(1)} ms; × ${(r.ping.duringP50 / r.ping.beforeP50).toFixed(1)} im Median)`
);
fs.mkdirSync('bench/results', { recursive: true });
const file = `bench/results/export-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
fs.writeFileSync(file, JSON.stringify(r, null, 2));
console.log(`Ergebnis: ${file}`);
if (r.status !== 200 || r.rows !== r.reports) {
	console.error(`Der Export ist unvollständig: ${r.rows} von ${r.reports} Zeilen.`);
	process.exit(1);
}
