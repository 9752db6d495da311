import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { seedNational } from '../bench/national-seed.ts';

/**
 * The national generator at a small scale, into a database of its own on the PostgreSQL server of
 * the tests (a *.pg.test.ts: it needs COPY, so it runs on that back end only).
 */
const url = process.env.TEST_DATABASE_URL!;
const name = `national_seed_${process.pid}`;

describe('national generator (PostgreSQL)', () => {
	const admin = new pg.Client({ connectionString: url });
	const target = new URL(url);
	target.pathname = `/${name}`;
	let db: pg.Client;

	afterAll(async () => {
		await db?.end();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	it('loads municipalities from the VG250, reports, places, events, measures and participation, and indexes them for search', async () => {
		await admin.connect();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
		const lines: string[] = [];
		const figures = await seedNational(target.href, { municipalities: 40, reports: 3000, points: 400, places: 300, events: 600, measures: 100, ideas: 500 }, (l) => lines.push(l));
		expect(figures.map((f) => f.step)).toEqual([
			'Plattform vorbereiten (Migrationen, Region, Kategorien)',
			'Kommunen (VG250, COPY)',
			'Orte für Anliegen (ST_GeneratePoints)',
			'Anliegen (COPY)',
			'Orte',
			'Veranstaltungen mit Terminen',
			'Maßnahmen mit beteiligten Kommunen',
			'Beteiligung: Ideen, Unterstützungen, Kommentare',
			'Suchindex (reindexSearch der Plattform)',
			'VACUUM ANALYZE'
		]);
		expect(figures.find((f) => f.step === 'Anliegen (COPY)')).toMatchObject({ rows: 3000, rowsPerSecond: expect.any(Number) });
		expect(figures.find((f) => f.step === 'Orte')).toMatchObject({ rows: 300 });
		expect(figures.find((f) => f.step === 'Veranstaltungen mit Terminen')).toMatchObject({ rows: 600 });
		expect(figures.find((f) => f.step === 'Maßnahmen mit beteiligten Kommunen')).toMatchObject({ rows: 100 });
		expect(lines).toHaveLength(10);

		db = new pg.Client({ connectionString: target.href });
		await db.connect();
		const one = async <T>(q: string) => (await db.query(q)).rows[0] as T;
		// vacuumed as autovacuum would after a bulk load: index-only scans need the visibility map
		expect(await one<{ unvacuumed: number }>(`select count(*)::int as unvacuumed from pg_stat_user_tables where relname in ('report', 'event', 'measure_participant') and last_vacuum is null`)).toEqual({ unvacuumed: 0 });
		// the region's seven and the first 40 of the VG250 (fewer if some of those are the seven)
		const m = await one<{ n: number; invalid: number; slugs: number }>(
			`select count(*)::int as n, count(*) filter (where not ST_IsValid(boundary) or ST_SRID(boundary) <> 4326)::int as invalid, count(distinct slug)::int as slugs from municipality`
		);
		expect(m.n).toBeGreaterThanOrEqual(40);
		expect(m.n).toBeLessThanOrEqual(47);
		expect(m.invalid).toBe(0);
		expect(m.slugs).toBe(m.n);

		const r = await one<{ n: number; inside: number; open: number; closed: number; days: number; sources: number; municipalities: number }>(`
			select count(*)::int as n,
				count(*) filter (where ST_DWithin(r.location::geography, m.boundary::geography, 50))::int as inside,
				count(*) filter (where r.status in ('received', 'reviewing', 'in_progress'))::int as open,
				count(*) filter (where r.closed_at is not null)::int as closed,
				extract(day from max(r.created_at) - min(r.created_at))::int as days,
				count(distinct r.source)::int as sources,
				count(distinct r.municipality_id)::int as municipalities
			from report r join municipality m on m.id = r.municipality_id`);
		expect(r.n).toBe(3000);
		expect(r.inside).toBe(3000); // within 50 m of its municipality (the jitter is a few metres)
		expect(r.open).toBeGreaterThan(0);
		expect(r.closed).toBeGreaterThan(r.open); // most are old, and most old ones are done
		expect(r.days).toBeGreaterThan(900);
		expect(r.sources).toBe(3);
		expect(r.municipalities).toBeGreaterThan(20);
		// closed ones mostly lost their reporter's address, as the erasure after closing does
		const erased = await one<{ share: number }>(`select avg((reporter_email is null)::int)::float as share from report where closed_at is not null`);
		expect(erased.share).toBeGreaterThan(0.6);
		// numbered in time order, as the platform numbers them (keyset pages and plans rely on it)
		const outOfOrder = await one<{ n: number }>(`select count(*)::int as n from (select created_at < lag(created_at) over (order by id) as back from report) x where back`);
		expect(outOfOrder.n).toBe(0);

		// places and events lie in the municipality they name; repeating events have one occurrence per date
		const p = await one<{ n: number; inside: number; categories: number }>(
			`select count(*)::int as n, count(*) filter (where ST_DWithin(p.point::geography, m.boundary::geography, 200))::int as inside, count(distinct category)::int as categories from place p join municipality m on m.ags = p.municipality_ags`
		);
		expect(p).toMatchObject({ n: 300, inside: 300 });
		expect(p.categories).toBeGreaterThan(8);
		const e = await one<{ n: number; published: number; repeating: number; past: number; future: number; wrong: number }>(`
			select count(*)::int as n, count(*) filter (where status = 'published')::int as published, count(*) filter (where rrule is not null)::int as repeating,
				count(*) filter (where starts_at < now())::int as past, count(*) filter (where starts_at > now())::int as future,
				count(*) filter (where (select count(*) from event_occurrence o where o.event_id = event.id) <> coalesce(substring(rrule from 'COUNT=(\\d+)')::int, 1))::int as wrong
			from event`);
		expect(e.n).toBe(600);
		expect(e.published / e.n).toBeGreaterThan(0.85);
		expect(e.repeating).toBe(50);
		expect(e.past).toBeGreaterThan(200);
		expect(e.future).toBeGreaterThan(200);
		expect(e.wrong).toBe(0);
		// measures: the lead takes part; where others do, costs are shared equally among exactly them
		const ms = await one<{ n: number; leadMissing: number; shared: number; keyWrong: number }>(`
			select count(*)::int as n,
				count(*) filter (where not exists (select 1 from measure_participant mp where mp.measure_id = m.id and mp.ags = m.lead_ags))::int as "leadMissing",
				count(*) filter (where cost_key->>'kind' = 'equal')::int as shared,
				count(*) filter (where cost_key->>'kind' = 'equal' and (select jsonb_agg(ags order by ags) from measure_participant mp where mp.measure_id = m.id) <> cost_key->'municipalities')::int as "keyWrong"
			from measure m`);
		expect(ms).toMatchObject({ n: 100, leadMissing: 0, keyWrong: 0 });
		expect(ms.shared).toBeGreaterThan(30);
		// every measure has a budget for one to three years, spent only in its first year
		const costs = await one<{ withCost: number; years: number; budgets: number; overspent: number; min: number; max: number }>(`
			select count(distinct measure_id)::int as "withCost", count(distinct (select count(*) from measure_cost c2 where c2.measure_id = c.measure_id))::int as years,
				count(distinct budget_cents)::int as budgets, count(*) filter (where actual_cents > budget_cents)::int as overspent,
				min(budget_cents)::float8 as min, max(budget_cents)::float8 as max
			from measure_cost c`);
		expect(costs).toMatchObject({ withCost: 100, years: 3, overspent: 0 });
		expect(costs.budgets).toBeGreaterThan(20);
		expect(costs.min).toBeGreaterThanOrEqual(100_000);
		expect(costs.max).toBeLessThanOrEqual(40_400_000);
		// participation: counters match the rows, every phase set is complete
		const i = await one<{ n: number; processes: number; supports: number; comments: number; countWrong: number; replies: number; phasesWrong: number }>(`
			select (select count(*)::int from idea) as n, (select count(*)::int from participation_process) as processes,
				(select count(*)::int from idea_support) as supports, (select count(*)::int from idea_comment) as comments,
				(select count(*)::int from idea i where support_count <> (select count(*) from idea_support s where s.idea_id = i.id)) as "countWrong",
				(select count(*)::int from idea_comment where parent_id is not null) as replies,
				(select count(*)::int from participation_process pp where (select count(*) from participation_phase ph where ph.process_id = pp.id) <> 3) as "phasesWrong"`);
		expect(i).toMatchObject({ n: 500, processes: 10, countWrong: 0, phasesWrong: 0 });
		expect(i.supports).toBeGreaterThan(1500);
		expect(i.comments).toBeGreaterThan(500);
		expect(i.replies).toBeGreaterThan(0);
		// drawn per row, not once for all: statuses, supports and participants vary
		const spread = await one<{ statuses: number; supportCounts: number; participantCounts: number }>(`
			select (select count(distinct status)::int from idea) as statuses, (select count(distinct support_count)::int from idea) as "supportCounts",
				(select count(distinct n)::int from (select count(*) as n from measure_participant group by measure_id) x) as "participantCounts"`);
		expect(spread.statuses).toBeGreaterThanOrEqual(4);
		expect(spread.supportCounts).toBeGreaterThan(5);
		expect(spread.participantCounts).toBeGreaterThanOrEqual(3);
		// the search finds what was loaded, through the platform's own index
		const docs = await one<{ events: number; places: number }>(`select count(*) filter (where source = 'events')::int as events, count(*) filter (where source = 'places')::int as places from search_document`);
		expect(docs.events).toBeGreaterThan(0);
		expect(docs.places).toBeGreaterThan(0);
	}, 300_000);
});
