import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/lib/server/db/client.ts';

export type Point = { lon: number; lat: number };

/**
 * Test points derived from the imported boundaries (not typed in), so that they stay right when
 * the boundary data changes: deep inside a member, exactly on a shared border, just across it.
 */
export async function pointInside(db: Db, ags: string, awayFromBorderMetres = 300): Promise<Point> {
	const [row] = await queryRows<Point>(
		db,
		sql`with m as (select boundary from municipality where ags = ${ags}),
			others as (select ST_Union(boundary) g from municipality where ags <> ${ags}),
			core as (select ST_Difference((select boundary from m), ST_Buffer((select g from others)::geography, ${awayFromBorderMetres})::geometry) g)
			select ST_X(p) lon, ST_Y(p) lat from (select ST_PointOnSurface(g) p from core) x`
	);
	return row;
}

/** A point on the line two members share, and one `metres` inside the second member from it. */
export async function pointsAtBorder(db: Db, a: string, b: string, metres = 40) {
	const [row] = await queryRows<{ lon: number; lat: number; lon2: number; lat2: number }>(
		db,
		sql`with line as (
				select ST_LineMerge(ST_Intersection(x.boundary, y.boundary)) g, y.boundary yb
				from municipality x, municipality y where x.ags = ${a} and y.ags = ${b}),
			p as (select ST_PointOnSurface(g) on_line, yb from line),
			inside as (select on_line, ST_ClosestPoint(ST_Buffer(on_line::geography, ${metres})::geometry, ST_PointOnSurface(yb)) q, yb from p)
			select ST_X(on_line) lon, ST_Y(on_line) lat, ST_X(q) lon2, ST_Y(q) lat2 from inside`
	);
	return { onLine: { lon: row.lon, lat: row.lat }, inB: { lon: row.lon2, lat: row.lat2 } };
}

/** A point `metres` east of another (good enough at this latitude for distances of a few metres). */
export function east(p: Point, metres: number): Point {
	return { lon: p.lon + metres / (111_320 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat };
}
