/**
 * npm run bench:plans -- [--log /var/log/postgresql/postgresql-15-main.log]
 *
 * The query plans of every public route, endpoint and the back office's hot paths at national
 * scale. Needs DATABASE_URL pointing at a database filled by `npm run bench:seed -- --scale
 * national`, a superuser connection (it turns on auto_explain for that database) and read access
 * to the PostgreSQL server's log, where auto_explain writes. It starts the built server on that
 * database, requests each path alone and reads the plans of the statements it caused from the
 * log. A sequential scan of a large table (over 50,000 rows) in any of them fails the run (unless
 * a Limit right above it stops it early); the plans and timings go to bench/results/plans-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { everyRoute } from '../e2e/routes.ts';
import { startServer } from '../e2e/server.ts';
import { sessionOf } from '../e2e/people.ts';

const arg = (name: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
};
const url = process.env.DATABASE_URL;
if (!url) {
	console.error('Bitte DATABASE_URL auf die Datenbank im nationalen Maßstab setzen.');
	process.exit(1);
}
const logFile = arg('log') ?? '/var/log/postgresql/postgresql-15-main.log';
const LARGE = 50_000;

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[]; [k: string]: unknown };
type Explained = { query: string; durationMs: number; plan: PlanNode };

const client = new pg.Client({ connectionString: url });
await client.connect();
const database = (await client.query<{ d: string }>('select current_database() as d')).rows[0].d;
const large = new Set((await client.query<{ relname: string }>(`select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples > $1`, [LARGE])).rows.map((r) => r.relname));
const one = async (q: string) => (await client.query(q)).rows[0] ?? {};
// real examples for the dynamic segments: a busy municipality, a report with a released text, …
const ex = {
	report: (await one(`select id from report where public_description is not null and status = 'in_progress' order by id desc limit 1`)).id,
	event: (await one(`select id from event where status = 'published' and starts_at > now() order by id limit 1`)).id,
	place: (await one(`select id from place order by id desc limit 1`)).id,
	measure: (await one(`select id from measure where is_public order by id desc limit 1`)).id,
	process: (await one(`select id from participation_process where published order by idea_count desc limit 1`)).id,
	idea: (await one(`select i.id from idea i join participation_process p on p.id = i.process_id where p.published and i.hidden_at is null order by i.support_count desc limit 1`)).id,
	slug: (await one(`select slug from municipality order by inhabitants desc limit 1`)).slug,
	ags: (await one(`select ags from municipality order by inhabitants desc limit 1`)).ags,
	category: (await one(`select code from report_category where is_public order by id limit 1`)).code
};
await client.query(`alter database ${database} set session_preload_libraries = 'auto_explain'`);
await client.query(`alter database ${database} set auto_explain.log_min_duration = 0`);
await client.query(`alter database ${database} set auto_explain.log_format = 'json'`);

const fill: Record<string, string> = {
	'[id]': String(ex.report),
	'[slug]': ex.slug,
	'[ags]': ex.ags,
	'[code]': ex.category,
	'[format]': 'json',
	'[token]': 'abgelaufener-link'
};
/** Directory → example, by the route it is in (an [id] under /veranstaltungen is an event). */
function routePath(file: string) {
	const parts = path.dirname(file).split('/').filter((p) => p !== '.' && !p.startsWith('('));
	const kind = (i: number) => parts.slice(0, i).join('/');
	return (
		'/' +
		parts
			.map((p, i) => {
				if (p !== '[id]') return fill[p] ?? p;
				const before = kind(i);
				if (before.endsWith('veranstaltungen')) return ex.event;
				if (before.endsWith('orte')) return ex.place;
				if (before.endsWith('massnahmen')) return ex.measure;
				if (before.endsWith('beteiligung/ideen')) return ex.idea;
				if (before.endsWith('beteiligung') || before.endsWith('participation-processes')) return ex.process;
				return ex.report;
			})
			.join('/')
	);
}
const routes = everyRoute((d) => d)
	.map((r) => ({ ...r, url: routePath(r.file) }))
	.filter((r) => !/\[|\.\.\./.test(r.url) && !r.url.startsWith('/verwaltung') && !/\/(abmelden|healthz|sprache)/.test(r.url));
// the hot paths once more with the filters people use
const variants = [
	`/anliegen?kommune=${ex.ags}`,
	`/anliegen?kategorie=${ex.category}&status=offen`,
	'/anliegen/karte.geojson?bbox=12.30,51.30,12.45,51.38',
	`/georeport/v2/requests.json?status=open&service_code=${ex.category}`,
	'/georeport/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00Z',
	'/georeport/v2/requests.json?lat=51.34&long=12.37&radius=2000',
	`/veranstaltungen?kommune=${ex.ags}`,
	'/veranstaltungen?kategorie=kultur',
	`/orte?kommune=${ex.ags}&kategorie=natur`,
	'/suche?q=Spielplatz',
	'/suche?q=Veranstaltung 4711',
	`/api/v1/events?municipality=${ex.ags}`,
	'/api/v1/places?category=natur',
	'/api/v1/measures',
	`/beteiligung/${ex.process}?sortierung=unterstuetzung`
];
const backOffice = ['/verwaltung', '/verwaltung/anliegen', '/verwaltung/anliegen?status=received', '/verwaltung/anliegen/statistik', '/verwaltung/veranstaltungen', '/verwaltung/orte', '/verwaltung/beteiligung'];

const server = await startServer({ DATABASE_URL: url, DEMO_DATA: 'on', LOG_LEVEL: 'warn' });
const results: { path: string; status: number; ms: number; statements: Explained[]; seqScans: string[] }[] = [];
try {
	const cookie = await sessionOf(server.url, 'admin.borsdorf@partheland.example');
	const paths = [...new Set(routes.map((r) => r.url))].sort();
	const all = [...paths.map((p) => ({ p, cookie: undefined as string | undefined })), ...variants.map((p) => ({ p, cookie: undefined })), ...backOffice.map((p) => ({ p, cookie }))];
	for (const { p, cookie: c } of all) {
		// twice: the first request warms caches and may refresh a snapshot; the second is measured
		await request(p, c);
		const from = fs.statSync(logFile).size;
		const started = performance.now();
		const status = await request(p, c);
		const ms = Math.round(performance.now() - started);
		await new Promise((r) => setTimeout(r, 300)); // the log is written asynchronously
		// not the request's own: the job queue, locks, and the statistics snapshot's refresh, which a
		// request starts in the background by design (grouping sets over a year of reports)
		const statements = readPlans(from).filter((s) => !/pgboss|pg_advisory|search_source_state|__drizzle|grouping sets/.test(s.query));
		const seqScans = statements.flatMap((s) => unboundedSeqScans(s.plan).map((n) => n['Relation Name']!));
		results.push({ path: p, status, ms, statements, seqScans });
		console.log(`${seqScans.length ? '✗' : '✓'} ${String(status).padEnd(4)}${String(ms).padStart(6)} ms  ${p}${seqScans.length ? `  Seq Scan: ${[...new Set(seqScans)].join(', ')}` : ''}`);
	}
} finally {
	await server.stop();
	await client.query(`alter database ${database} reset session_preload_libraries`);
	await client.query(`alter database ${database} reset auto_explain.log_min_duration`);
	await client.query(`alter database ${database} reset auto_explain.log_format`);
	await client.end();
}

async function request(p: string, cookie?: string) {
	const res = await fetch(server.url + p, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	// a download is read far enough to have run its first page
	const reader = res.body?.getReader();
	let read = 0;
	while (reader && read < 4_000_000) {
		const { done, value } = await reader.read();
		if (done) break;
		read += value.length;
	}
	await reader?.cancel();
	return res.status;
}

function readPlans(from: number): Explained[] {
	const fd = fs.openSync(logFile, 'r');
	const size = fs.fstatSync(fd).size;
	const buffer = Buffer.alloc(size - from);
	fs.readSync(fd, buffer, 0, buffer.length, from);
	fs.closeSync(fd);
	const entries = buffer.toString('utf8').split(/^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] )/m);
	const found: Explained[] = [];
	for (const entry of entries) {
		const m = /LOG: {2}duration: ([\d.]+) ms {2}plan:\s*([\s\S]*)$/.exec(entry);
		if (!m) continue;
		try {
			const parsed = JSON.parse(m[2]) as { 'Query Text': string; Plan: PlanNode };
			found.push({ query: parsed['Query Text'].replace(/\s+/g, ' ').trim(), durationMs: Number(m[1]), plan: parsed.Plan });
		} catch {
			// a plan split by another process's line: not ours
		}
	}
	return found;
}

/**
 * Sequential scans of large tables, except one right below a Limit: the planner expects so many
 * matches that reading until the limit is met beats an index (the search's similar titles for a
 * common word) – it stops early, so it does not grow with the table.
 */
function unboundedSeqScans(plan: PlanNode, parent?: PlanNode): PlanNode[] {
	const own = plan['Node Type'] === 'Seq Scan' && large.has(plan['Relation Name'] ?? '') && parent?.['Node Type'] !== 'Limit' ? [plan] : [];
	return [...own, ...(plan.Plans ?? []).flatMap((p) => unboundedSeqScans(p, plan))];
}

const failed = results.filter((r) => r.seqScans.length || r.status >= 500);
fs.mkdirSync('bench/results', { recursive: true });
const out = path.join('bench/results', `plans-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ database, large: [...large], examples: ex, results: results.map((r) => ({ ...r, statements: r.statements.map((s) => ({ ...s, plan: summary(s.plan) })) })) }, null, '\t'));
console.log(`\n${results.length} Pfade, ${failed.length} mit sequenziellem Scan einer großen Tabelle oder 5xx. Ergebnis: ${out}`);
process.exitCode = failed.length ? 1 : 0;

/** A plan as indented lines (node, relation, index), short enough to read in the results. */
function summary(plan: PlanNode, depth = 0): string[] {
	const line = `${'  '.repeat(depth)}${plan['Node Type']}${plan['Relation Name'] ? ` on ${plan['Relation Name']}` : ''}${plan['Index Name'] ? ` using ${plan['Index Name']}` : ''}`;
	return [line, ...(plan.Plans ?? []).flatMap((p) => summary(p, depth + 1))];
}
