import { sql } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db/client.ts';

/**
 * Places at volume, in bulk SQL: `places` places at random points inside the members' boundaries
 * (ST_GeneratePoints), over all categories, half with opening hours.
 */
export async function seedPlacesBench(db: Db, places: number) {
	await db.execute(sql`
		insert into place (name, description, category, point, address, municipality_ags, opening_hours, step_free)
		select 'Benchmark-Ort ' || g, 'Beschreibung des Ortes ' || g || '.',
			(array['natur','sehenswuerdigkeit','kultur','sport','spielplatz','bibliothek','jugend','senioren','coworking','gastronomie','rathaus','sonstiges'])[1 + g % 12],
			p.geom, 'Straße ' || g, p.ags, case when g % 2 = 0 then 'Mo-Fr 09:00-17:00; PH off' end, g % 3 = 0
		from generate_series(1, ${places}) g
		cross join lateral (
			select m.ags, (ST_Dump(ST_GeneratePoints(m.boundary, 1, g))).geom as geom
			from municipality m order by m.sort_order offset (g % (select count(*) from municipality)) limit 1
		) p`);
	await db.execute(sql`analyze place`);
}
