import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { withinMetres } from './geo.ts';

describe('within metres of a point', () => {
	it('agrees with the geodesic distance in every direction, also near the box in degrees', async () => {
		const client = new PGlite({ extensions: { postgis } });
		const db = drizzle(client);
		await db.execute(sql`create extension postgis`);
		// points around Naunhof at 50 to 1,000 m in 16 directions, and the check at 425 m
		await db.execute(sql`create table p (id serial, g geometry(Point, 4326))`);
		await db.execute(sql`insert into p (g) select ST_Project(ST_SetSRID(ST_MakePoint(12.59, 51.28), 4326)::geography, d, radians(a))::geometry from generate_series(50, 1000, 50) d, generate_series(0, 337.5, 22.5) a`);
		const count = async (where: ReturnType<typeof sql>) => ((await db.execute(sql`select count(*)::int as n from p where ${where}`)).rows[0] as { n: number }).n;
		const exact = await count(sql`ST_DWithin(g::geography, ST_SetSRID(ST_MakePoint(12.59, 51.28), 4326)::geography, 425)`);
		expect(exact).toBe(8 * 16); // 50 … 400 m in every direction
		expect(await count(withinMetres(sql`g`, 12.59, 51.28, 425))).toBe(exact);
		await client.close();
	}, 60_000);
});
