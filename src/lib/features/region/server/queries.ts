import { asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { district, municipality, referenceMunicipality, region } from './tables.ts';
import { withinMetres } from '#lib/server/db/geo.ts';

export type MunicipalityRow = typeof municipality.$inferSelect;
export type MunicipalityInsert = Omit<typeof municipality.$inferInsert, 'boundary'> & { boundaryGeoJson: string };

const columns = {
	id: municipality.id,
	slug: municipality.slug,
	ags: municipality.ags,
	name: municipality.name,
	kind: municipality.kind,
	inhabitants: municipality.inhabitants,
	inhabitantsDate: municipality.inhabitantsDate,
	areaSqKm: municipality.areaSqKm,
	sortOrder: municipality.sortOrder,
	description: municipality.description,
	contact: municipality.contact,
	impressumContact: municipality.impressumContact,
	privacyContact: municipality.privacyContact,
	reportsMailbox: municipality.reportsMailbox,
	reportsDigest: municipality.reportsDigest,
	boundarySource: municipality.boundarySource,
	updatedAt: municipality.updatedAt
};

export async function findRegion(db: Db) {
	const [row] = await db.select().from(region).limit(1);
	return row;
}

export async function listMunicipalities(db: Db, opts: { withBoundary?: boolean; afterSortOrder?: number; limit?: number; offset?: number } = {}) {
	const query = db
		.select({
			...columns,
			boundary: opts.withBoundary ? sql<string>`ST_AsGeoJSON(${municipality.boundary}, 6)` : sql<null>`null`,
			labelPoint: opts.withBoundary ? sql<string>`ST_AsGeoJSON(ST_PointOnSurface(${municipality.boundary}), 6)` : sql<null>`null`
		})
		.from(municipality)
		.where(opts.afterSortOrder === undefined ? undefined : sql`${municipality.sortOrder} > ${opts.afterSortOrder}`)
		.orderBy(asc(municipality.sortOrder));
	return opts.limit ? query.limit(opts.limit).offset(opts.offset ?? 0) : query;
}

/** The members' names and keys only, in their order (a national installation has 11,000; `limit` reads the first). */
export async function listMunicipalityNames(db: Db, limit?: number) {
	const query = db.select({ id: municipality.id, slug: municipality.slug, ags: municipality.ags, name: municipality.name }).from(municipality).orderBy(asc(municipality.sortOrder));
	return limit === undefined ? query : query.limit(limit);
}

/** Names and keys of the members with these AGS (those a page mentions), in the members' order. */
export async function municipalityNamesOf(db: Db, ags: string[]) {
	if (!ags.length) return [];
	return db
		.select({ id: municipality.id, slug: municipality.slug, ags: municipality.ags, name: municipality.name })
		.from(municipality)
		.where(inArray(municipality.ags, [...new Set(ags)]))
		.orderBy(asc(municipality.sortOrder));
}

/** The member a filter's text names: its slug, its AGS or its name (any case; the largest of equal names). */
export async function findMunicipalityNamed(db: Db, value: string | null | undefined) {
	const wanted = value?.trim();
	if (!wanted) return undefined;
	const [row] = await db
		.select({ id: municipality.id, slug: municipality.slug, ags: municipality.ags, name: municipality.name })
		.from(municipality)
		.where(sql`${municipality.slug} = ${wanted} or ${municipality.ags} = ${wanted} or lower(${municipality.name}) = lower(${wanted})`)
		.orderBy(sql`${municipality.slug} = ${wanted} desc`, sql`${municipality.ags} = ${wanted} desc`, desc(municipality.inhabitants))
		.limit(1);
	return row;
}

/** How many members, with their inhabitants and area together. */
export async function municipalityTotals(db: Db) {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int`, inhabitants: sql<number>`coalesce(sum(${municipality.inhabitants}), 0)::float8`, areaSqKm: sql<number>`coalesce(sum(${municipality.areaSqKm}), 0)::float8` })
		.from(municipality);
	return row;
}

export async function findMunicipality(db: Db, by: { slug: string } | { ags: string }) {
	const [row] = await db
		.select({
			...columns,
			boundary: sql<string>`ST_AsGeoJSON(${municipality.boundary}, 6)`,
			labelPoint: sql<string>`ST_AsGeoJSON(ST_PointOnSurface(${municipality.boundary}), 6)`
		})
		.from(municipality)
		.where('slug' in by ? eq(municipality.slug, by.slug) : eq(municipality.ags, by.ags));
	return row;
}

export async function listDistricts(db: Db, municipalityId?: number | number[]) {
	return db
		.select()
		.from(district)
		.where(municipalityId === undefined ? undefined : Array.isArray(municipalityId) ? inArray(district.municipalityId, municipalityId.length ? municipalityId : [-1]) : eq(district.municipalityId, municipalityId))
		.orderBy(asc(district.municipalityId), asc(district.sortOrder));
}

/** The municipality whose boundary covers a point; on a shared border the lowest AGS wins. */
export async function findMunicipalityAt(db: Db, lon: number, lat: number) {
	const [row] = await db
		.select({ id: municipality.id, slug: municipality.slug, name: municipality.name, ags: municipality.ags })
		.from(municipality)
		.where(sql`ST_Covers(${municipality.boundary}, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))`)
		.orderBy(asc(municipality.ags))
		.limit(1);
	return row;
}

/** Members other than `exceptId` whose boundary is within `metres` of a point (geodesic distance). */
export async function findMunicipalitiesNear(db: Db, lon: number, lat: number, metres: number, exceptId: number) {
	return db
		.select({ id: municipality.id, slug: municipality.slug, name: municipality.name, ags: municipality.ags })
		.from(municipality)
		.where(
			sql`${municipality.id} <> ${exceptId} and ${withinMetres(municipality.boundary, lon, lat, metres)}`
		)
		.orderBy(asc(municipality.ags));
}

/** Any German municipality covering a point, from the national reference data (if loaded). */
export async function findReferenceMunicipalityAt(db: Db, lon: number, lat: number) {
	const [row] = await db
		.select({ ags: referenceMunicipality.ags, name: referenceMunicipality.name, district: referenceMunicipality.district })
		.from(referenceMunicipality)
		.where(sql`ST_Covers(${referenceMunicipality.boundary}, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))`)
		.orderBy(asc(referenceMunicipality.ags))
		.limit(1);
	return row;
}

export async function replaceReferenceMunicipalities(db: Db, rows: { ags: string; name: string; district: string | null; geometry: string }[], first: boolean) {
	if (first) await db.delete(referenceMunicipality);
	if (!rows.length) return;
	await db.execute(sql`insert into reference_municipality (ags, name, district, boundary)
		select r->>'ags', r->>'name', r->>'district', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r->>'geometry'), 4326))
		from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) r
		on conflict (ags) do update set name = excluded.name, district = excluded.district, boundary = excluded.boundary`);
}

export async function countReferenceMunicipalities(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(referenceMunicipality);
	return row.n;
}

export async function countMunicipalities(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(municipality);
	return row.n;
}

export async function replaceRegion(
	db: Db,
	input: {
		region: typeof region.$inferInsert;
		municipalities: (MunicipalityInsert & { districts: { name: string; note?: string }[] })[];
	}
) {
	await db.transaction(async (tx) => {
		await tx.delete(region);
		await tx.insert(region).values(input.region);
		const keep = input.municipalities.map((m) => m.ags);
		await tx.delete(municipality).where(notInArray(municipality.ags, keep));
		for (const { districts, boundaryGeoJson, ...m } of input.municipalities) {
			const boundary = sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${boundaryGeoJson}), 4326))`;
			const [row] = await tx
				.insert(municipality)
				.values({ ...m, boundary })
				.onConflictDoUpdate({ target: municipality.ags, set: { ...m, boundary, updatedAt: sql`now()` } })
				.returning({ id: municipality.id });
			await tx.delete(district).where(eq(district.municipalityId, row.id));
			if (districts.length) {
				await tx
					.insert(district)
					.values(districts.map((d, i) => ({ municipalityId: row.id, name: d.name, note: d.note ?? null, sortOrder: i })));
			}
		}
	});
}

/** Where the boundaries came from, for the attribution on every map and in the footer. */
export async function boundaryAttributions(db: Db) {
	const rows = await db.selectDistinct({ source: municipality.boundarySource }).from(municipality);
	return rows.map((r) => r.source);
}

export async function updateMunicipality(
	db: Db,
	ags: string,
	values: Pick<typeof municipality.$inferInsert, 'contact' | 'impressumContact' | 'privacyContact' | 'reportsMailbox' | 'reportsDigest' | 'inhabitants' | 'inhabitantsDate'>
) {
	await db
		.update(municipality)
		.set({ ...values, updatedAt: sql`now()` })
		.where(eq(municipality.ags, ags));
}

/** The members' boundary lines inside a box around a point, as GeoJSON (for a map extract). */
export async function boundaryLinesAround(db: Db, lon: number, lat: number, halfWidthDeg: number, halfHeightDeg: number) {
	const box = sql`ST_MakeEnvelope(${lon - halfWidthDeg}, ${lat - halfHeightDeg}, ${lon + halfWidthDeg}, ${lat + halfHeightDeg}, 4326)`;
	return db
		.select({ name: municipality.name, lines: sql<string>`ST_AsGeoJSON(ST_Intersection(ST_Boundary(${municipality.boundary}), ${box}), 7)` })
		.from(municipality)
		.where(sql`${municipality.boundary} && ${box} and ST_Intersects(ST_Boundary(${municipality.boundary}), ${box})`);
}
