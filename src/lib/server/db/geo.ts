import { sql, type SQLWrapper } from 'drizzle-orm';

/**
 * Within `metres` of a point, geodesically – in a form a GiST index on the geometry column can
 * serve. `ST_DWithin` on `::geography` alone reads every row (1.2 s over 11,000 municipality
 * boundaries, longer over millions of reports): a box in degrees comes first, wide enough in
 * both directions (a degree of longitude is the shorter one), then the exact distance.
 */
export function withinMetres(column: SQLWrapper, lon: number, lat: number, metres: number) {
	const degrees = metres / (111_000 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
	const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
	return sql`(ST_DWithin(${column}, ${point}, ${degrees}) and ST_DWithin(${column}::geography, ${point}::geography, ${metres}))`;
}
