import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality } from '../../region/server/tables.ts';
import { gazetteerAddress } from './tables.ts';
import { withinMetres } from '#lib/server/db/geo.ts';

export type AddressRecord = { street: string; houseNumber: string; postcode: string | null; locality: string | null; lon: number; lat: number; folded: string };

/** Inserts a batch; points outside every member are dropped, the municipality is found by its boundary. */
export async function insertAddresses(db: Db, rows: AddressRecord[], source: string) {
	if (!rows.length) return 0;
	const result = (await db.execute(sql`
		insert into gazetteer_address (street, house_number, postcode, locality, municipality_id, point, folded, source)
		select r->>'street', r->>'houseNumber', r->>'postcode', r->>'locality', m.id,
			ST_SetSRID(ST_MakePoint((r->>'lon')::float8, (r->>'lat')::float8), 4326), r->>'folded', ${source}
		from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
		join lateral (
			select id from municipality where ST_Covers(boundary, ST_SetSRID(ST_MakePoint((r->>'lon')::float8, (r->>'lat')::float8), 4326)) order by ags limit 1
		) m on true
	`)) as unknown as { affectedRows?: number; rowCount?: number };
	return result.affectedRows ?? result.rowCount ?? 0;
}

export async function deleteAddressesFrom(db: Db, source: string) {
	await db.delete(gazetteerAddress).where(eq(gazetteerAddress.source, source));
}

export async function countAddresses(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(gazetteerAddress);
	return row.n;
}

const label = sql<string>`${gazetteerAddress.street} || ' ' || ${gazetteerAddress.houseNumber} || coalesce(', ' || ${gazetteerAddress.postcode}, '') || coalesce(' ' || ${gazetteerAddress.locality}, '')`;

/** Addresses matching a folded query by trigram word similarity, best first. */
export async function searchAddresses(db: Db, folded: string, limit: number, houseNumber?: string) {
	const similarity = sql<number>`word_similarity(${folded}, ${gazetteerAddress.folded})`;
	return db
		.select({ id: gazetteerAddress.id, label, municipality: municipality.name, lon: sql<number>`ST_X(${gazetteerAddress.point})`, lat: sql<number>`ST_Y(${gazetteerAddress.point})` })
		.from(gazetteerAddress)
		.leftJoin(municipality, eq(municipality.id, gazetteerAddress.municipalityId))
		.where(sql`(${folded} <% ${gazetteerAddress.folded} or ${gazetteerAddress.folded} like ${`${folded.replace(/[\\%_]/g, '\\$&')}%`})`)
		.orderBy(
			// the number asked for first, then the best street match, then in natural number order
			...(houseNumber ? [sql`lower(${gazetteerAddress.houseNumber}) = ${houseNumber} desc`] : []),
			sql`${similarity} desc`,
			asc(gazetteerAddress.street),
			sql`coalesce(substring(${gazetteerAddress.houseNumber} from '^[0-9]+')::int, 0)`,
			asc(gazetteerAddress.houseNumber)
		)
		.limit(limit);
}

/** The address nearest to a point within `metres` (KNN on the point index, then the exact distance). */
export async function nearestAddress(db: Db, lon: number, lat: number, metres: number) {
	const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
	const [row] = await db
		.select({ label, distance: sql<number>`ST_Distance(${gazetteerAddress.point}::geography, ${point}::geography)` })
		.from(gazetteerAddress)
		.orderBy(sql`${gazetteerAddress.point} <-> ${point}`)
		.limit(1);
	return row && row.distance <= metres ? row : undefined;
}

/** Addresses around a point (for the work order's map extract), nearest first. */
export async function addressesAround(db: Db, lon: number, lat: number, metres: number, limit: number) {
	const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
	return db
		.select({
			street: gazetteerAddress.street,
			houseNumber: gazetteerAddress.houseNumber,
			lon: sql<number>`ST_X(${gazetteerAddress.point})`,
			lat: sql<number>`ST_Y(${gazetteerAddress.point})`
		})
		.from(gazetteerAddress)
		.where(withinMetres(gazetteerAddress.point, lon, lat, metres))
		.orderBy(sql`${gazetteerAddress.point} <-> ${point}`)
		.limit(limit);
}
