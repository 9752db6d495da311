/**
 * npm run bench [-- --seconds 10 --connections 10 --measures 2000 --updates 20000 --events 20000 --places 2000
 *   --ideas 50000 --supports 500000 --comments 200000]
 *
 * Starts the built server on fresh demo data with the cooperation at volume (joint measures and
 * their log seeded in bulk), then measures requests/s and p50/p99 latency
 * (autocannon) for the main public paths, each as a ratio to a minimal SvelteKit route (/ping)
 * measured in the same run, and the gzip bytes of HTML, CSS and JS each page ships.
 * Prints a table and writes JSON to bench/results/.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../e2e/server.ts';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { preparePlatform } from '../src/lib/server/platform.ts';
import { seedCooperationBench } from './cooperation-seed.ts';
import { seedEventsBench } from './events-seed.ts';
import { seedPlacesBench } from './places-seed.ts';
import { seedParticipationBench } from './participation-seed.ts';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 10);
const connections = arg('connections', 10);

if (!fs.existsSync('build/handler.js')) {
	console.error('Kein Build gefunden: erst `npm run build` ausführen.');
	process.exit(1);
}
// The embedded database, prepared as the server would, with the cooperation at volume.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-bench-'));
const prepared = await openDatabase({ dir: path.join(dataDir, 'db') });
await preparePlatform(prepared, { MIGRATIONS_DIR: 'drizzle', REGION_DIR: 'regions/partheland', DEMO_DATA: true });
const measures = arg('measures', 2000);
const updates = arg('updates', 20000);
await seedCooperationBench(prepared.db, measures, updates);
await seedEventsBench(prepared.db, arg('events', 20000));
await seedPlacesBench(prepared.db, arg('places', 2000));
const participation = await seedParticipationBench(prepared.db, { ideas: arg('ideas', 50000), supports: arg('supports', 500000), comments: arg('comments', 200000), accounts: 20000 });
console.log(`Beteiligung: ${participation.ideas} Ideen, ${participation.supports} Unterstützungen, ${participation.comments} Kommentare`);
await prepared.close();
const server = await startServer({ LOG_LEVEL: 'silent', DEMO_DATA: 'on', DATA_DIR: dataDir });

const paths = [
	{ name: 'Basislinie /ping', path: '/ping' },
	{ name: 'Startseite /', path: '/' },
	{ name: 'Kommune /kommunen/naunhof', path: '/kommunen/naunhof' },
	{ name: 'API /api/v1/municipalities', path: '/api/v1/municipalities' },
	{ name: 'Cockpit /kooperation', path: '/kooperation' },
	{ name: 'Cockpit HF 5, Naunhof', path: '/kooperation?feld=5&kommune=naunhof' },
	{ name: 'Maßnahmen /kooperation/massnahmen', path: '/kooperation/massnahmen' },
	{ name: 'Maßnahme (10 Neuigkeiten)', path: '/kooperation/massnahmen/1000' },
	{ name: 'API /api/v1/measures', path: '/api/v1/measures' },
	{ name: 'API measures, HF 5', path: '/api/v1/measures?actionField=5&limit=100' },
	{ name: 'Kalender /veranstaltungen', path: '/veranstaltungen' },
	{ name: 'Kalender Monat, Kultur', path: '/veranstaltungen?ansicht=monat&kategorie=kultur' },
	{ name: 'Kalender Monat, alle', path: '/veranstaltungen?ansicht=monat' },
	{ name: 'iCalendar Naunhof, Sport', path: '/veranstaltungen.ics?kommune=naunhof&kategorie=sport' },
	{ name: 'iCalendar Region (alle)', path: '/veranstaltungen.ics' },
	{ name: 'API /api/v1/events (31 Tage)', path: '/api/v1/events?limit=100' },
	{ name: 'Orte /orte', path: '/orte' },
	{ name: 'Orte, Kultur in Naunhof', path: '/orte?kategorie=kultur&kommune=naunhof' },
	{ name: 'Karte der Orte (alle Punkte)', path: '/orte/karte.geojson' },
	{ name: 'API /api/v1/places', path: '/api/v1/places?limit=100' },
	{ name: 'Beteiligung /beteiligung', path: '/beteiligung' },
	{ name: 'Ideen nach Unterstützung', path: `/beteiligung/${participation.processId}?sortierung=unterstuetzt` },
	{ name: 'Ideen neueste, Kategorie', path: `/beteiligung/${participation.processId}?kategorie=Umwelt%20und%20Klima` },
	{ name: 'Idee (längste Diskussion)', path: `/beteiligung/ideen/${participation.busiest}` },
	{ name: 'API /api/v1/ideas', path: `/api/v1/ideas?process=${participation.processId}&limit=100` }
];

async function load(path: string) {
	const result = await autocannon({ url: server.url + path, connections, duration: seconds, headers: { 'accept-language': 'de' } });
	return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const gz = (b: Buffer) => zlib.gzipSync(b).length;
async function weight(path: string) {
	const res = await fetch(server.url + path);
	const html = Buffer.from(await res.arrayBuffer());
	const text = html.toString('utf8');
	const refs = [...text.matchAll(/<link[^>]+href="([^"]+)"[^>]*>/g)].map((m) => m[0]);
	const css = refs.filter((l) => /rel="stylesheet"/.test(l)).map((l) => /href="([^"]+)"/.exec(l)![1]);
	const js = [
		...refs.filter((l) => /rel="modulepreload"/.test(l)).map((l) => /href="([^"]+)"/.exec(l)![1]),
		...[...text.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1])
	];
	const size = async (urls: string[]) => {
		let total = 0;
		for (const u of new Set(urls)) total += gz(Buffer.from(await (await fetch(new URL(u, server.url + path))).arrayBuffer()));
		return total;
	};
	return { html: gz(html), css: await size(css), js: await size(js) };
}

const rows = [];
try {
	await load('/ping'); // warm up
	const baseline = await load('/ping');
	for (const p of paths) {
		const r = p.path === '/ping' ? baseline : await load(p.path);
		const w = p.path.startsWith('/api') || p.path === '/ping' ? undefined : await weight(p.path);
		rows.push({ ...p, ...r, rpsRatio: r.rps / baseline.rps, p99Ratio: r.p99 / Math.max(baseline.p99, 1), weight: w });
	}
} finally {
	await server.stop();
	fs.rmSync(server.dataDir, { recursive: true, force: true });
}

const kb = (n?: number) => (n === undefined ? '–' : `${(n / 1024).toFixed(1)} KB`);
console.log(`\n${connections} Verbindungen, je ${seconds} s, eingebettete Datenbank; ${measures} Maßnahmen, ${updates} Neuigkeiten\n`);
console.log(['Pfad'.padEnd(30), 'req/s'.padStart(8), '× Basis'.padStart(8), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'Fehler'.padStart(7), 'HTML gz'.padStart(9), 'CSS gz'.padStart(9), 'JS gz'.padStart(9)].join(' '));
for (const r of rows) {
	console.log(
		[r.name.padEnd(30), r.rps.toFixed(0).padStart(8), r.rpsRatio.toFixed(2).padStart(8), String(r.p50).padStart(7), String(r.p99).padStart(7), String(r.errors).padStart(7), kb(r.weight?.html).padStart(9), kb(r.weight?.css).padStart(9), kb(r.weight?.js).padStart(9)].join(' ')
	);
}
fs.mkdirSync('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), seconds, connections, backend: 'pglite', measures, updates, participation, rows }, null, 2));
console.log(`\nErgebnis: ${file}`);
