import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/client.ts';
import { queryRows } from '../src/lib/server/db/client.ts';

/**
 * Beteiligung at volume, in bulk SQL: one process collecting ideas now with `ideas` ideas (a
 * third located inside the members' boundaries), `supports` supports spread unevenly over them
 * by `accounts` people, and `comments` comments (a fifth of them replies). The counters on the
 * ideas are set from the rows, as the service keeps them. Returns the process and the idea
 * with the longest discussion.
 */
export async function seedParticipationBench(db: Db, o: { ideas: number; supports: number; comments: number; accounts: number }) {
	const [{ id: processId }] = await queryRows<{ id: number }>(
		db,
		sql`insert into participation_process (title, summary, description, published, points_budget, idea_categories)
			values ('Benchmark-Verfahren', 'Ein Verfahren mit sehr vielen Ideen.', 'Für die Messung.', true, 10, array['Verkehr und Mobilität','Umwelt und Klima','Freizeit und Kultur','Soziales und Bildung','Sonstiges'])
			returning id`
	);
	await db.execute(sql`insert into participation_phase (process_id, kind, starts_at, ends_at, components) values (${processId}, 'ideas', now() - interval '30 days', now() + interval '30 days', array['submit','support','comment'])`);
	await db.execute(sql`insert into account (email, display_name, email_verified_at) select 'bench' || g || '@bench.example', 'Person ' || g, now() from generate_series(1, ${o.accounts}) g`);
	await db.execute(sql`create temporary table bench_people as select row_number() over (order by id) as n, id from account where email like 'bench%@bench.example'`);
	await db.execute(sql`
		insert into idea (process_id, author_id, title, body, category, point, municipality_ags, created_at)
		select ${processId}, a.id, 'Idee Nummer ' || g, 'Beschreibung der Idee ' || g || ', mit etwas Text, damit die Seite nicht leer ist.',
			(array['Verkehr und Mobilität','Umwelt und Klima','Freizeit und Kultur','Soziales und Bildung','Sonstiges'])[1 + g % 5],
			case when g % 3 = 0 then p.geom end, case when g % 3 = 0 then p.ags end,
			now() - (g % 40000) * interval '1 minute'
		from generate_series(1, ${o.ideas}) g
		join bench_people a on a.n = 1 + g % ${o.accounts}
		cross join lateral (
			select m.ags, (ST_Dump(ST_GeneratePoints(m.boundary, 1, g))).geom as geom
			from municipality m order by m.sort_order offset (g % (select count(*) from municipality)) limit 1
		) p`);
	// uneven: a few ideas gather many supports, most a handful (distinct people per idea)
	const perIdea = Math.max(1, Math.round((o.supports / o.ideas) * 3));
	await db.execute(sql`
		insert into idea_support (idea_id, account_id)
		select i.id, p.id
		from (select id, row_number() over (order by id) as r from idea where process_id = ${processId}) i
		cross join lateral generate_series(1, least(${o.accounts}, greatest(1, (${perIdea} * power(((i.r * 7919) % 1000 + 1) / 1000.0, 2))::int))) s
		join bench_people p on p.n = 1 + (i.r * 31 + s * 977) % ${o.accounts}
		on conflict do nothing`);
	await db.execute(sql`
		insert into idea_comment (idea_id, author_id, body, created_at)
		select i.id, p.id, 'Kommentar ' || g || ': eine Meinung zur Idee.', now() - (g % 20000) * interval '1 minute'
		from generate_series(1, ${o.comments}) g
		join (select id, row_number() over (order by id) as r from idea where process_id = ${processId}) i on i.r = 1 + (g::bigint * g) % ${o.ideas}
		join bench_people p on p.n = 1 + g % ${o.accounts}`);
	// a fifth become replies to the first comment of their idea
	await db.execute(sql`
		update idea_comment c set parent_id = f.first
		from (select idea_id, min(id) as first from idea_comment group by idea_id) f
		where c.idea_id = f.idea_id and c.id <> f.first and c.id % 5 = 0`);
	await db.execute(sql`update idea set support_count = s.n from (select idea_id, count(*)::int as n from idea_support group by idea_id) s where idea.id = s.idea_id`);
	await db.execute(sql`update idea set comment_count = s.n from (select idea_id, count(*)::int as n from idea_comment group by idea_id) s where idea.id = s.idea_id`);
	await db.execute(sql`drop table bench_people`);
	for (const table of ['idea', 'idea_support', 'idea_comment', 'account']) await db.execute(sql.raw(`analyze ${table}`));
	const [counts] = await queryRows<{ ideas: number; supports: number; comments: number; busiest: number }>(
		db,
		sql`select (select count(*)::int from idea where process_id = ${processId}) as ideas,
			(select count(*)::int from idea_support s join idea i on i.id = s.idea_id where i.process_id = ${processId}) as supports,
			(select count(*)::int from idea_comment c join idea i on i.id = c.idea_id where i.process_id = ${processId}) as comments,
			(select id from idea where process_id = ${processId} order by comment_count desc, id limit 1) as busiest`
	);
	return { processId, ...counts };
}
