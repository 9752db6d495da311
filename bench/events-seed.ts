import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/lib/server/db/client.ts';
import { occurrencesOfEvent } from '../src/lib/features/events/server/service.ts';
import { replaceOccurrences } from '../src/lib/features/events/server/queries.ts';

/**
 * Events at volume: `events` published events in bulk SQL, spread over the members, the
 * categories and the next twelve months at evening times; every tenth repeats weekly (half of
 * those without an end). Single events get their one occurrence in SQL, repeating ones are
 * expanded by the platform's own code, as a save would.
 */
export async function seedEventsBench(db: Db, events: number) {
	await db.execute(sql`
		insert into event (title, description, starts_at, ends_at, rrule, location_name, municipality_ags, categories, is_free, price, accessible, status, published_at)
		select 'Benchmark-Veranstaltung ' || g, 'Beschreibung der Veranstaltung ' || g || ' mit **Programm** und Hinweisen.',
			date_trunc('day', now()) + (g % 365) * interval '1 day' + interval '17 hours',
			date_trunc('day', now()) + (g % 365) * interval '1 day' + interval '19 hours',
			case when g % 10 = 0 then (case when g % 20 = 0 then 'FREQ=WEEKLY' else 'FREQ=WEEKLY;COUNT=20' end) end,
			'Ort ' || (g % 300),
			(select ags from municipality order by sort_order offset (g % (select count(*) from municipality)) limit 1),
			array[(array['kultur','sport','jugend','senioren','familie','vereine','natur','feste','bildung','politik'])[1 + g % 10]],
			g % 3 = 0, case when g % 3 <> 0 then '5 €' end, g % 4 = 0, 'published', now()
		from generate_series(1, ${events}) g`);
	await db.execute(sql`insert into event_occurrence (event_id, starts_at, ends_at) select id, starts_at, ends_at from event where rrule is null and title like 'Benchmark-%'`);
	const repeating = await queryRows<{ id: number; starts_at: string | Date; ends_at: string | Date; all_day: boolean; rrule: string }>(
		db,
		sql`select id, starts_at, ends_at, all_day, rrule from event where rrule is not null and title like 'Benchmark-%'`
	);
	for (const e of repeating)
		await replaceOccurrences(db, e.id, occurrencesOfEvent({ startsAt: new Date(e.starts_at), endsAt: new Date(e.ends_at), allDay: e.all_day, rrule: e.rrule, exceptions: [], additions: [] }));
	// as after any bulk load: fresh statistics for the planner
	await db.execute(sql`analyze event`);
	await db.execute(sql`analyze event_occurrence`);
	return repeating.length;
}
