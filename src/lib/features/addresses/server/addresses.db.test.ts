import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { east, pointInside, pointsAtBorder, type Point } from '../../../../../test/places.ts';
import { mapExtract } from '../../reports/server/extract.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { authenticate, loadActor } from '../../accounts/server/service.ts';
import { DEMO_PASSWORD } from '../../accounts/server/seed.ts';
import { reportInputSchema } from '../../reports/schemas.ts';
import { createReport, getPublicReport } from '../../reports/server/service.ts';
import { importAddresses, nearestAddress, readAddressFile, searchAddresses } from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let borsdorf: Point;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-addresses-'));

beforeAll(async () => {
	database = await openTestDatabase();
	borsdorf = await pointInside(database.db, '14729060');
});
afterAll(async () => {
	await database?.drop();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('the address gazetteer', () => {
	it('imports a semicolon CSV of Hauskoordinaten, keeps only addresses inside the members, replaces on re-import', async () => {
		const b = east(borsdorf, 40);
		const file = path.join(dir, 'hauskoordinaten.csv');
		fs.writeFileSync(
			file,
			[
				'Strasse;Hausnummer;Hausnummerzusatz;PLZ;Ort;lat;lon',
				`Probestraße;5;;04451;Borsdorf;${borsdorf.lat};${borsdorf.lon}`,
				`Probestraße;7;a;04451;Borsdorf;${b.lat};${b.lon}`,
				`Leipziger Straße;1;;04109;Leipzig;51.3397;12.3731`,
				`;3;;04451;Borsdorf;${borsdorf.lat};${borsdorf.lon}`,
				`Ohne Punkt;3;;04451;Borsdorf;;`
			].join('\n')
		);
		const { records, skipped } = readAddressFile(file);
		expect(records).toHaveLength(3);
		expect(skipped).toBe(2);
		expect(records[1]).toMatchObject({ street: 'Probestraße', houseNumber: '7a', postcode: '04451', locality: 'Borsdorf' });
		expect(await importAddresses(database.db, records, 'hauskoordinaten.csv')).toBe(2); // Leipzig is outside
		expect(await importAddresses(database.db, records, 'hauskoordinaten.csv')).toBe(2); // replaced, not doubled
		const found = await searchAddresses(database.db, 'Probestr');
		expect(found.map((f) => f.label)).toEqual(['Probestraße 5, 04451 Borsdorf', 'Probestraße 7a, 04451 Borsdorf']);
		expect(found[0].municipality).toBe('Borsdorf');
		// spelling as people type it
		expect((await searchAddresses(database.db, 'probestrasse 7a')).map((f) => f.label)[0]).toBe('Probestraße 7a, 04451 Borsdorf');
		expect((await searchAddresses(database.db, 'Probestr 5')).map((f) => f.label)[0]).toBe('Probestraße 5, 04451 Borsdorf');
		expect(await searchAddresses(database.db, 'Pr')).toEqual([]);
	});

	it('reads OpenStreetMap GeoJSON points', async () => {
		const p = east(borsdorf, 400);
		const file = path.join(dir, 'osm.geojson');
		fs.writeFileSync(
			file,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { 'addr:street': 'Kartenweg', 'addr:housenumber': '12', 'addr:postcode': '04451', 'addr:city': 'Borsdorf' } },
					{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} }
				]
			})
		);
		const { records } = readAddressFile(file);
		expect(await importAddresses(database.db, records, 'osm.geojson')).toBe(1);
		expect((await searchAddresses(database.db, 'Kartenweg'))[0].label).toBe('Kartenweg 12, 04451 Borsdorf');
	});

	it('names the nearest address of a point within 60 m, and none farther away', async () => {
		expect(await nearestAddress(database.db, east(borsdorf, 10).lon, borsdorf.lat)).toBe('Probestraße 5, 04451 Borsdorf');
		expect(await nearestAddress(database.db, east(borsdorf, 35).lon, borsdorf.lat)).toBe('Probestraße 7a, 04451 Borsdorf');
		expect(await nearestAddress(database.db, east(borsdorf, 200).lon, borsdorf.lat)).toBeUndefined();
	});
});

describe('reports and the gazetteer', () => {
	it('gives a report with a point the nearest address, and the public sees it', async () => {
		const uploads = fs.mkdtempSync(path.join(dir, 'uploads-'));
		const citizen = await loadActor(database.db, (await authenticate(database.db, 'buerger@partheland.example', DEMO_PASSWORD))!.id);
		const input = reportInputSchema.parse({ category: 'sonstiges', description: 'Bank am Spielplatz ist kaputt.', lat: String(borsdorf.lat), lon: String(east(borsdorf, 5).lon) });
		const created = await createReport(database.db, localStorage(uploads), citizen!, input, { duplicatesSeen: true }, { origin: 'https://partheland.example' });
		const { row } = await getPublicReport(database.db, (created as { id: number }).id);
		expect(row.address).toBe('Probestraße 5, 04451 Borsdorf');
	});
});

describe('the work order’s map extract', () => {
	it('places the nearby addresses around the point and draws a border that runs through the box', async () => {
		const inside = await mapExtract(database.db, borsdorf.lon, borsdorf.lat);
		const five = inside.addresses.find((a) => a.label === 'Probestraße 5')!;
		expect(five.x).toBeCloseTo(inside.width / 2, 0);
		const seven = inside.addresses.find((a) => a.label === 'Probestraße 7a')!;
		expect(seven.x - inside.width / 2).toBeCloseTo(40 * (inside.width / 320), 0); // 40 m east
		expect(inside.nearest).toBe('Probestraße 5');
		expect(inside.streets.map((st) => st.name)).toContain('Probestraße');
		expect(inside.boundaries).toEqual([]); // 300 m from any other member
		const { onLine } = await pointsAtBorder(database.db, '14729060', '14729070');
		const border = await mapExtract(database.db, onLine.lon, onLine.lat);
		expect(border.boundaries.length).toBeGreaterThan(0);
		expect(border.boundaries[0]).toMatch(/^M[\d.-]+,[\d.-]+L/);
	});
});
