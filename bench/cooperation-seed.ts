import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/client.ts';

/**
 * Joint measures at volume, in bulk SQL: `measures` measures led in turn by every member with all
 * others taking part (nine in ten public), one action field and a goal of it each, three milestones,
 * costs for two years, `updates` log entries spread over them, and an application for every fourth.
 */
export async function seedCooperationBench(db: Db, measures: number, updates: number) {
	await db.execute(sql`
		insert into measure (title, description, lead_ags, status, start_on, is_public, lighthouse, cost_key, created_at, updated_at)
		select 'Benchmark-Maßnahme ' || g, 'Beschreibung der gemeinsamen Maßnahme ' || g || ': Ziele, Vorgehen und Beteiligte.',
			(select ags from municipality order by sort_order offset (g % (select count(*) from municipality)) limit 1),
			(array['idea','planned','in_progress','completed','deferred'])[1 + g % 5], date '2025-01-01' + (g % 700),
			g % 10 <> 0, g % 50 = 0,
			jsonb_build_object('kind', 'equal', 'municipalities', (select jsonb_agg(ags order by ags) from municipality)),
			now() - g * interval '1 hour', now() - g * interval '1 hour'
		from generate_series(1, ${measures}) g`);
	await db.execute(sql`insert into measure_participant (measure_id, ags) select m.id, mu.ags from measure m cross join municipality mu where mu.ags <> m.lead_ags and m.title like 'Benchmark-%'`);
	await db.execute(sql`
		insert into measure_action_field (measure_id, action_field_id)
		select m.id, (select id from action_field order by number offset (m.id % (select count(*) from action_field)) limit 1) from measure m where m.title like 'Benchmark-%'`);
	await db.execute(sql`
		insert into measure_goal (measure_id, goal_id)
		select m.id, (select gaf.goal_id from goal_action_field gaf where gaf.action_field_id = f.action_field_id order by gaf.goal_id limit 1)
		from measure m join measure_action_field f on f.measure_id = m.id where m.title like 'Benchmark-%'`);
	await db.execute(sql`
		insert into measure_milestone (measure_id, title, due_on, done_on)
		select m.id, 'Meilenstein ' || k, m.start_on + k * 120, case when k <= m.id % 4 then m.start_on + k * 110 end
		from measure m cross join generate_series(1, 3) k where m.title like 'Benchmark-%'`);
	await db.execute(sql`
		insert into measure_cost (measure_id, year, budget_cents, actual_cents)
		select m.id, y, 10000000 + (m.id * 7919) % 50000000, case when y = 2025 then (m.id * 104729) % 10000000 else 0 end
		from measure m cross join generate_series(2025, 2026) y where m.title like 'Benchmark-%'`);
	await db.execute(sql`
		insert into measure_update (measure_id, text, author_name, created_at)
		select (select id from measure where title like 'Benchmark-%' order by id offset (u % ${measures}) limit 1), 'Neuigkeit ' || u || ' zur Maßnahme.', 'Benchmark', now() - u * interval '10 minutes'
		from generate_series(1, ${updates}) u`);
	await db.execute(sql`insert into funding_programme (name, funder, rate_basis_points) values ('Benchmark-Programm', 'land', 7500)`);
	await db.execute(sql`
		insert into funding_application (measure_id, programme_id, status, eligible_costs_cents, requested_cents, granted_cents, submitted_on)
		select m.id, (select id from funding_programme where name = 'Benchmark-Programm'), case when m.id % 3 = 0 then 'granted' else 'submitted' end,
			20000000, 15000000, case when m.id % 3 = 0 then 14000000 end, date '2025-06-01'
		from measure m where m.title like 'Benchmark-%' and m.id % 4 = 0`);
}
