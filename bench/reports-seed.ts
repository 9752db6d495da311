import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/client.ts';

/**
 * `n` confirmed reports in one statement: points spread over each member in proportion to its
 * area, two years of them, a realistic mix of statuses, 70 % with a released text.
 */
export async function seedReportsBench(db: Db, n: number) {
	await db.execute(
		sql.raw(`
		insert into report (category_id, municipality_id, location, description, public_description, status, source, reporter_email, created_at, confirmed_at, first_response_at, closed_at, updated_at)
		select c.id, m.id, p.geom,
			'Benchmark-Anliegen ' || g, case when random() < 0.7 then 'Freigegebener Text ' || g end,
			s.status, 'web', 'bench' || g || '@example.org',
			t.ts, t.ts,
			case when s.status <> 'received' then t.ts + (random() * interval '5 days') end,
			case when s.status in ('done', 'rejected', 'forwarded') then t.ts + (random() * interval '30 days') end,
			t.ts
		from (select m.id, m.boundary, greatest(1, round(${n} * ST_Area(m.boundary::geography) / (select sum(ST_Area(boundary::geography)) from municipality)))::int n from municipality m) m
		cross join lateral (select (ST_Dump(ST_GeneratePoints(m.boundary, m.n))).geom) p
		cross join lateral (select (random() * 1e9)::bigint as g) x
		cross join lateral (select now() - random() * interval '730 days' as ts) t
		cross join lateral (select (array['received','reviewing','in_progress','done','done','done','rejected','forwarded'])[1 + floor(random() * 8)::int] as status) s
		cross join lateral (select id from report_category where x.g >= 0 order by random() limit 1) c
	`)
	);
	await db.execute(sql.raw('analyze report'));
}
