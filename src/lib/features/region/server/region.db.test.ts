import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows, type Database } from '#lib/server/db/client.ts';
import { importRegionFile } from '#lib/server/platform.ts';
import * as queries from './queries.ts';
import { municipalityPage, RegionFileError } from './service.ts';
import { listedMembers, readMunicipalityChoice } from './choice.ts';
import { removeDemoCooperation } from '../../cooperation/server/demo.ts';
import { removeDemoBodies } from '../../bodies/server/demo.ts';
import { removeDemoEvents } from '../../events/server/demo.ts';
import { removeDemoNews } from '../../news/server/demo.ts';
import { removeDemoPlaces } from '../../places/server/demo.ts';
import { removeDemoParticipation } from '../../participation/server/demo.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

describe('region import', () => {
	it('holds the seven members with AGS, type, inhabitants and their Ortsteile', async () => {
		const rows = await queries.listMunicipalities(database.db);
		expect(rows.map((r) => [r.name, r.ags, r.kind])).toEqual([
			['Belgershain', '14729020', 'Gemeinde'],
			['Borsdorf', '14729060', 'Gemeinde'],
			['Brandis', '14729070', 'Stadt'],
			['Großpösna', '14729190', 'Gemeinde'],
			['Machern', '14729250', 'Gemeinde'],
			['Naunhof', '14729300', 'Stadt'],
			['Parthenstein', '14729340', 'Gemeinde']
		]);
		expect(rows.reduce((s, r) => s + r.inhabitants, 0)).toBe(45902);
		const belgershain = rows[0];
		expect(belgershain.inhabitantsDate).toBe('2023-12-31');
		const districts = await queries.listDistricts(database.db, rows[5].id);
		expect(districts.map((d) => d.name)).toEqual(['Naunhof', 'Albrechtshain', 'Ammelshain', 'Eicha', 'Erdmannshain', 'Fuchshain', 'Lindhardt']);
		const brandis = await queries.listDistricts(database.db, rows[2].id);
		expect(brandis.find((d) => d.name === 'Beucha')?.note).toBe('mit Kleinsteinberg und Wolfshain');
	});

	it('pages the members in their order with the totals of all, and a page out of range is the first', async () => {
		const all = await queries.listMunicipalities(database.db);
		const pages = await Promise.all(['1', '2', '3'].map((p) => municipalityPage(database.db, p, 3)));
		expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 1]);
		expect(pages.flatMap((p) => p.rows.map((r) => r.ags))).toEqual(all.map((r) => r.ags));
		expect(pages[2]).toMatchObject({ page: 3, pages: 3, totals: { count: 7, inhabitants: 45902 } });
		expect(pages[0].totals.areaSqKm).toBeCloseTo(all.reduce((s, r) => s + Number(r.areaSqKm), 0), 2);
		// the Ortsteile of the page's members only
		expect(new Set(pages[2].districts.map((d) => d.municipalityId))).toEqual(new Set([pages[2].rows[0].id]));
		for (const asked of ['4', '0', '-1', '1.5', 'x', null]) expect((await municipalityPage(database.db, asked, 3)).page).toBe(1);
	});

	it('finds the member a filter names by slug, AGS or name in any case, and nothing for other text', async () => {
		expect((await queries.findMunicipalityNamed(database.db, 'naunhof'))?.ags).toBe('14729300');
		expect((await queries.findMunicipalityNamed(database.db, '14729190'))?.name).toBe('Großpösna');
		expect((await queries.findMunicipalityNamed(database.db, ' großpösna '))?.ags).toBe('14729190');
		expect((await queries.findMunicipalityNamed(database.db, 'BRANDIS'))?.ags).toBe('14729070');
		expect(await queries.findMunicipalityNamed(database.db, 'Leipzig')).toBeUndefined();
		expect(await queries.findMunicipalityNamed(database.db, "x' or '1'='1")).toBeUndefined();
		expect(await queries.findMunicipalityNamed(database.db, null)).toBeUndefined();
		expect(await queries.findMunicipalityNamed(database.db, '   ')).toBeUndefined();
		const names = await queries.listMunicipalityNames(database.db);
		expect(names.map((m) => m.name)).toEqual((await queries.listMunicipalities(database.db)).map((m) => m.name));
		expect(Object.keys(names[0]).sort()).toEqual(['ags', 'id', 'name', 'slug']);
		expect(await queries.listMunicipalityNames(database.db, 3)).toEqual(names.slice(0, 3));
	});

	it("gives a filter the member it names and a cooperation's members as a list", async () => {
		const names = await queries.listMunicipalityNames(database.db);
		const chosen = await readMunicipalityChoice(database.db, 'naunhof');
		expect(chosen.municipality?.ags).toBe('14729300');
		expect(chosen.choice).toEqual({ options: names.map((m) => ({ slug: m.slug, name: m.name })), chosen: { slug: 'naunhof', name: 'Naunhof' }, unknown: null });
		expect((await readMunicipalityChoice(database.db, ' Leipzig ')).choice).toMatchObject({ chosen: null, unknown: 'Leipzig' });
		expect((await readMunicipalityChoice(database.db, null)).choice).toMatchObject({ chosen: null, unknown: null });
		expect(await listedMembers(database.db)).toEqual({ count: 7, members: names });
	});

	it('stores valid boundaries in SRID 4326 whose areas match the official figures within the simplification error', async () => {
		const areas = await queryRows<{ name: string; official: number; srid: number; valid: boolean; measured: number }>(
			database.db,
			sql`select name, area_sq_km::float as official, ST_SRID(boundary) as srid, ST_IsValid(boundary) as valid, ST_Area(boundary::geography) / 1e6 as measured from municipality order by sort_order`
		);
		for (const row of areas) {
			expect(row.srid, row.name).toBe(4326);
			expect(row.valid, row.name).toBe(true);
			expect(Math.abs(row.measured - row.official) / row.official, row.name).toBeLessThan(0.06);
		}
	});

	it('finds the municipality covering a point, and none outside the region', async () => {
		// Naunhof market place, Machern palace, Leipzig city centre
		expect((await queries.findMunicipalityAt(database.db, 12.5886, 51.2777))?.name).toBe('Naunhof');
		expect((await queries.findMunicipalityAt(database.db, 12.6263, 51.3649))?.name).toBe('Machern');
		expect(await queries.findMunicipalityAt(database.db, 12.3731, 51.3397)).toBeUndefined();
	});

	it('gives a point on a shared border to exactly one municipality (lowest AGS)', async () => {
		const [point] = await queryRows<{ lon: number; lat: number }>(database.db, sql`
			select ST_X(p) as lon, ST_Y(p) as lat from (
				select ST_PointN(ST_ExteriorRing(ST_GeometryN(a.boundary, 1)), 1) as p
				from municipality a join municipality b on a.ags < b.ags and ST_Touches(a.boundary, b.boundary)
				where ST_Covers(b.boundary, ST_PointN(ST_ExteriorRing(ST_GeometryN(a.boundary, 1)), 1))
				limit 1) x`);
		if (!point) return expect.fail('expected two neighbours sharing a vertex');
		const owners = await queryRows<{ ags: string }>(
			database.db,
			sql`select ags from municipality where ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326)) order by ags`
		);
		expect(owners.length).toBeGreaterThanOrEqual(2);
		const found = await queries.findMunicipalityAt(database.db, point.lon, point.lat);
		expect(found?.ags).toBe(owners[0].ags);
	});

	it('re-imports the region file without duplicating anything, keeping ids', async () => {
		const before = await queries.listMunicipalities(database.db);
		await importRegionFile(database as Database, 'regions/partheland');
		const after = await queries.listMunicipalities(database.db);
		expect(after.map((r) => [r.id, r.ags])).toEqual(before.map((r) => [r.id, r.ags]));
		expect(await queries.countMunicipalities(database.db)).toBe(7);
		const districts = await queries.listDistricts(database.db);
		expect(districts).toHaveLength(35);
	});

	it('runs another cooperation from its own region file, without code changes', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-other-region-'));
		const file = JSON.parse(fs.readFileSync('regions/partheland/region.json', 'utf8'));
		file.id = 'testland';
		file.name = 'Testland';
		file.members = file.members.slice(0, 2);
		fs.writeFileSync(path.join(dir, 'region.json'), JSON.stringify(file));
		fs.copyFileSync('regions/partheland/boundaries.geo.json', path.join(dir, 'boundaries.geo.json'));
		// the demo measures still involve the five members the file leaves out: refused, nothing changed
		await expect(importRegionFile(database as Database, dir)).rejects.toBeInstanceOf(RegionFileError);
		expect((await queries.findRegion(database.db))?.name).toBe('Partheland');
		await removeDemoBodies(database.db);
		await removeDemoCooperation(database.db);
		await removeDemoEvents(database.db);
		await removeDemoNews(database.db);
		await removeDemoPlaces(database.db);
		await removeDemoParticipation(database.db);
		await importRegionFile(database as Database, dir);
		expect((await queries.findRegion(database.db))?.name).toBe('Testland');
		expect((await queries.listMunicipalities(database.db)).map((m) => m.name)).toEqual(['Belgershain', 'Borsdorf']);
		fs.rmSync(dir, { recursive: true });
	});
});
