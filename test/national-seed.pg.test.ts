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

	it('loads municipalities from the VG250 and reports at points inside them, spread over three years', async () => {
		await admin.connect();
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.query(`create database ${name}`);
		const lines: string[] = [];
		const figures = await seedNational(target.href, { municipalities: 40, reports: 3000, points: 400 }, (l) => lines.push(l));
		expect(figures.map((f) => f.step)).toEqual(['Plattform vorbereiten (Migrationen, Region, Kategorien)', 'Kommunen (VG250, COPY)', 'Orte für Anliegen (ST_GeneratePoints)', 'Anliegen (COPY)']);
		expect(figures.find((f) => f.step === 'Anliegen (COPY)')).toMatchObject({ rows: 3000, rowsPerSecond: expect.any(Number) });
		expect(lines).toHaveLength(4);

		db = new pg.Client({ connectionString: target.href });
		await db.connect();
		const one = async <T>(q: string) => (await db.query(q)).rows[0] as T;
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
	}, 180_000);
});
