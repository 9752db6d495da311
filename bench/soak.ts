/**
 * npm run bench -- --soak --minutes 10 [--processes 2] [--rate 6] [--window 60] [--heap 160]
 *
 * The soak run: mixed, realistic traffic at a fixed rate against the national database (see
 * `npm run bench:seed`; DATABASE_URL names it), spread round-robin over several app processes on
 * that one PostgreSQL, uploads in an S3 bucket (s3rver in its own process) so a photo sent to one
 * process is served by any. The traffic: public pages, feeds, the map and the APIs, the back
 * office of a municipality, and reports sent through the form with and without photos – each
 * request from another client address (as behind a proxy), as many citizens would.
 *
 * Requests are started on a fixed clock (open loop: a slow answer does not slow the load). Every
 * window it prints p50/p99 and errors per route group, and the resident memory of each process,
 * sampled every five seconds. At the end: whether memory stayed flat over the second half (the
 * last full window's median against the middle one's; more than 10 % growth fails the run) and
 * any error. `--heap` caps each server's V8 heap (MiB): without a cap V8 grows its heap lazily on
 * a machine with much memory, which looks like a leak; with it, a leak ends in an out-of-memory
 * crash and errors. JSON to bench/results/soak-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { startServer, type RunningServer } from '../e2e/server.ts';
import { DEMO_PASSWORD } from '../src/lib/features/accounts/server/seed.ts';
import { startS3Server } from '../test/s3.ts';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = arg('minutes', 10);
const processes = arg('processes', 2);
const rate = arg('rate', 6);
const heap = arg('heap', 0);
const windowSeconds = arg('window', 60);
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('Bitte DATABASE_URL auf die Datenbank im nationalen Maßstab setzen (npm run bench:seed -- --scale national).');
	process.exit(1);
}
if (!fs.existsSync('build/handler.js')) {
	console.error('Kein Build gefunden: erst `npm run build` ausführen.');
	process.exit(1);
}

// Pools of real things to ask for, drawn once from the database.
const client = new pg.Client({ connectionString: url });
await client.connect();
const pool = async (query: string) => (await client.query(query)).rows;
const reports = (await pool(`select id from report tablesample system (0.2) where public_description is not null limit 2000`)).map((r) => r.id as number);
const points = await pool(`select ST_X(location) as lon, ST_Y(location) as lat from report tablesample system (0.1) where location is not null limit 1000`);
const events = (await pool(`select id from event tablesample system (2) where status = 'published' limit 1000`)).map((r) => r.id as number);
const places = (await pool(`select id from place tablesample system (5) limit 1000`)).map((r) => r.id as number);
const municipalities = await pool(`select ags, slug from municipality order by random() limit 500`);
const processIds = (await pool(`select id from participation_process where published order by idea_count desc limit 50`)).map((r) => r.id as number);
const ideas = (await pool(`select i.id from idea i join participation_process p on p.id = i.process_id where p.published and i.hidden_at is null order by random() limit 1000`)).map((r) => r.id as number);
const categories = (await pool(`select code from report_category where active and is_public`)).map((r) => r.code as string);
const borsdorfReports = (await pool(`select r.id from report r join municipality m on m.id = r.municipality_id where m.ags = '14729060' order by r.id desc limit 200`)).map((r) => r.id as number);
await client.end();

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
const words = ['Spielplatz', 'Radweg', 'Laterne', 'Bibliothek', 'Konzert', 'Naunhof', 'Schlagloch', 'Bank', 'Sport', 'Musik'];
const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#7a6' } }).jpeg({ quality: 85 }).toBuffer();

type Request = { group: string; path: string; method?: 'POST'; body?: () => FormData; staff?: boolean };
/** The mix, by weight: what a national installation is asked for in an ordinary hour. */
const mix: [number, () => Request][] = [
	[6, () => ({ group: 'Startseite', path: '/' })],
	[8, () => ({ group: 'Anliegen: Liste', path: pick([`/anliegen`, `/anliegen?kommune=${pick(municipalities).ags}`, `/anliegen?kategorie=${pick(categories)}&status=offen`]) })],
	[8, () => ({ group: 'Anliegen: eines', path: `/anliegen/${pick(reports)}` })],
	[5, () => ({ group: 'Karte (GeoJSON)', path: (({ lon, lat }) => `/anliegen/karte.geojson?bbox=${lon - 0.05},${lat - 0.03},${lon + 0.05},${lat + 0.03}`)(pick(points)) })],
	[6, () => ({ group: 'Veranstaltungen', path: pick([`/veranstaltungen`, `/veranstaltungen?kommune=${pick(municipalities).ags}`, `/veranstaltungen/${pick(events)}`]) })],
	[5, () => ({ group: 'Orte', path: pick([`/orte`, `/orte/${pick(places)}`]) })],
	[5, () => ({ group: 'Kommunen', path: pick([`/kommunen?seite=${1 + Math.floor(Math.random() * 200)}`, `/kommunen/${pick(municipalities).slug}`]) })],
	[5, () => ({ group: 'Beteiligung', path: pick([`/beteiligung/${pick(processIds)}`, `/beteiligung/ideen/${pick(ideas)}`]) })],
	[4, () => ({ group: 'Suche', path: `/suche?q=${encodeURIComponent(pick(words))}` })],
	[2, () => ({ group: 'Statistik', path: '/anliegen/statistik' })],
	[2, () => ({ group: 'Kooperation', path: pick(['/kooperation', '/kooperation/massnahmen']) })],
	[6, () => ({ group: 'Feeds (iCal, RSS)', path: pick([`/kommunen/${pick(municipalities).slug}/veranstaltungen.ics`, '/nachrichten/rss.xml', `/veranstaltungen.ics?kommune=${pick(municipalities).ags}`]) })],
	[8, () => ({ group: 'Open311 GET', path: pick([`/georeport/v2/requests.json?service_code=${pick(categories)}&status=open`, `/georeport/v2/requests/${pick(reports)}.json`, `/georeport/v2/requests.json?lat=${pick(points).lat}&long=${pick(points).lon}&radius=1000`]) })],
	[6, () => ({ group: 'API v1', path: pick([`/api/v1/events?municipality=${pick(municipalities).ags}`, '/api/v1/places?category=natur', '/api/v1/measures', `/api/v1/ideas?process=${pick(processIds)}`]) })],
	[6, () => ({ group: 'Verwaltung', path: pick(['/verwaltung/anliegen', '/verwaltung/anliegen?status=received', `/verwaltung/anliegen/${pick(borsdorfReports)}`]), staff: true })],
	[4, () => ({ group: 'Anliegen senden', path: '/anliegen/neu', method: 'POST', body: () => reportForm(false) })],
	[2, () => ({ group: 'Anliegen mit Foto', path: '/anliegen/neu', method: 'POST', body: () => reportForm(true) })]
];
const totalWeight = mix.reduce((s, [w]) => s + w, 0);
function next(): Request {
	let r = Math.random() * totalWeight;
	for (const [w, make] of mix) if ((r -= w) < 0) return make();
	return mix[0][1]();
}
function reportForm(photo: boolean) {
	const { lon, lat } = pick(points);
	const form = new FormData();
	const n = Math.floor(Math.random() * 1e9);
	for (const [k, v] of Object.entries({ category: pick(categories), lat: String(lat + (Math.random() - 0.5) * 1e-4), lon: String(lon + (Math.random() - 0.5) * 1e-4), description: `Dauertest ${n}: Schild umgefahren, bitte aufstellen.`, email: `dauertest-${n}@example.org`, duplicatesSeen: '1' })) form.set(k, v);
	if (photo) form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'schild.jpg');
	return form;
}
const clientAddress = () => `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;

// The processes: one PostgreSQL, one bucket, each its own port and directory.
const s3 = await startS3Server();
const env = { DATABASE_URL: url, STORAGE_URL: s3.url(), DEMO_DATA: 'on', LOG_LEVEL: 'warn', ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1', ...(heap ? { NODE_OPTIONS: `--max-old-space-size=${heap}` } : {}) };
const servers: RunningServer[] = [];
/** Stops what was started: also when the start itself fails, so no server or s3rver outlives the run. */
async function stopAll() {
	for (const s of servers) await s.stop();
	for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
	await s3.stop();
}
let staffCookie: string;
try {
	for (let i = 0; i < processes; i++) servers.push(await startServer(env)); // one after the other: the first migrates
	// behind the (simulated) proxy every request names its client, the sign-in too
	const signIn = await fetch(`${servers[0].url}/anmelden`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: servers[0].url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.0.0.1' },
		body: new URLSearchParams({ email: 'admin.borsdorf@partheland.example', password: DEMO_PASSWORD })
	});
	const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('sid=') && !c.startsWith('sid=;'))?.split(';')[0];
	if (!cookie) throw new Error(`Anmeldung als Verwaltung fehlgeschlagen: ${signIn.status}`);
	staffCookie = cookie;
} catch (error) {
	await stopAll();
	throw error;
}

type Sample = { group: string; ms: number; status: number; window: number };
const samples: Sample[] = [];
const memory: { at: number; rssMiB: number[] }[] = [];
const rss = (pid: number) => {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

let inFlight = 0;
let dropped = 0;
let sent = 0;
const started = Date.now();
const endAt = started + minutes * 60_000;
const windowOf = (t: number) => Math.floor((t - started) / (windowSeconds * 1000));

async function fire(req: Request, server: RunningServer) {
	const t0 = performance.now();
	let status = 0;
	try {
		const res = await fetch(server.url + req.path, {
			method: req.method ?? 'GET',
			body: req.body?.(),
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', 'x-forwarded-for': clientAddress(), 'accept-language': 'de', ...(req.staff ? { cookie: staffCookie } : {}) },
			signal: AbortSignal.timeout(30_000)
		});
		await res.arrayBuffer();
		status = res.status;
	} catch {
		// refused, reset or timed out: status 0
	}
	samples.push({ group: req.group, ms: performance.now() - t0, status, window: windowOf(Date.now()) });
}

const sampler = setInterval(() => memory.push({ at: Date.now() - started, rssMiB: servers.map((s) => rss(s.process.pid!)) }), 5000);
let reported = 0;
const percentile = (values: number[], p: number) => {
	if (!values.length) return 0;
	const sorted = values.toSorted((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const isError = (s: Sample) => s.status === 0 || s.status >= 500 || s.status === 429;
function report(window: number) {
	const inWindow = samples.filter((s) => s.window === window);
	const mem = memory.filter((m) => Math.floor(m.at / (windowSeconds * 1000)) === window).at(-1)?.rssMiB ?? [];
	console.log(`\nFenster ${window + 1} (${window * windowSeconds}–${(window + 1) * windowSeconds} s): ${inWindow.length} Anfragen, ${inWindow.filter(isError).length} Fehler, Speicher ${mem.map((m) => `${m} MiB`).join(' / ')}`);
	for (const group of [...new Set(mix.map(([, make]) => make().group))]) {
		const ms = inWindow.filter((s) => s.group === group).map((s) => s.ms);
		if (ms.length) console.log(`  ${group.padEnd(22)} ${String(ms.length).padStart(5)}  p50 ${percentile(ms, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(ms, 99).toFixed(0).padStart(6)} ms`);
	}
}

// the fixed clock: one request every 1000/rate ms, round-robin over the processes
const interval = 1000 / rate;
let tick = 0;
try {
	while (Date.now() < endAt) {
		const due = started + tick * interval;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		if (inFlight >= 200) dropped++;
		else {
			inFlight++;
			sent++;
			void fire(next(), servers[tick % servers.length]).finally(() => inFlight--);
		}
		tick++;
		const w = windowOf(Date.now());
		if (w > reported) report(reported++);
	}
	while (inFlight > 0) await new Promise((r) => setTimeout(r, 100));
	report(reported);
} finally {
	clearInterval(sampler);
	await stopAll();
}

// flat memory: the last full window's median against the middle one's (the first half warms up)
const windows = Math.max(...samples.map((s) => s.window)) + 1;
const medianRss = (w: number) =>
	servers.map((_, i) => percentile(memory.filter((m) => Math.floor(m.at / (windowSeconds * 1000)) === w).map((m) => m.rssMiB[i]), 50));
const lastFull = Math.max(0, Math.floor((minutes * 60) / windowSeconds) - 1);
const first = medianRss(Math.floor(lastFull / 2));
const last = medianRss(lastFull);
const growth = first.map((f, i) => (f ? Math.round(((last[i] - f) / f) * 100) : 0));
const grew = growth.some((g) => g > 10);
const errors = samples.filter(isError);
const byGroup = Object.fromEntries(
	[...new Set(samples.map((s) => s.group))].map((group) => {
		const all = samples.filter((s) => s.group === group);
		return [
			group,
			{
				requests: all.length,
				errors: all.filter(isError).length,
				statuses: Object.fromEntries([...new Set(all.map((s) => s.status))].map((st) => [st, all.filter((s) => s.status === st).length])),
				windows: Array.from({ length: windows }, (_, w) => {
					const ms = all.filter((s) => s.window === w).map((s) => s.ms);
					return { window: w, requests: ms.length, p50: Math.round(percentile(ms, 50)), p99: Math.round(percentile(ms, 99)) };
				})
			}
		];
	})
);
console.log(`\n${minutes} min, ${processes} Prozesse, ${rate} Anfragen/s: ${sent} gesendet, ${dropped} ausgelassen (mehr als 200 offen), ${errors.length} Fehler.`);
console.log(
	`Speicher je Prozess (Median) in der Mitte ${first.join(' / ')} MiB, am Ende ${last.join(' / ')} MiB (${growth.map((g) => `${g > 0 ? '+' : ''}${g} %`).join(' / ')})${grew ? ': nicht flach' : ': flach'}${heap ? `, Heap je Prozess begrenzt auf ${heap} MiB` : ''}.`
);
fs.mkdirSync('bench/results', { recursive: true });
const out = path.join('bench/results', `soak-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ minutes, processes, rate, windowSeconds, heapMiB: heap || null, sent, dropped, errors: errors.length, memory, memoryGrowthPercent: growth, groups: byGroup }, null, '\t'));
console.log(`Ergebnis: ${out}`);
process.exitCode = errors.length || dropped || grew ? 1 : 0;
