import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { search } from '../../search/server/service.ts';
import { readPlaceForm } from '../schemas.ts';
import { removeDemoPlaces, seedDemoPlaces } from './demo.ts';
import { listPlaces } from './queries.ts';
import { createPlace, getPublicPlace, removePlace, updatePlace } from './service.ts';
import { createEvent } from '../../events/server/service.ts';
import { readEventForm } from '../../events/schemas.ts';

const BORSDORF = '14729060';
const editorBorsdorf: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const editorNaunhof: Actor = { kind: 'user', name: 'Nora Naunhof', grants: [{ role: 'editor', scope: { municipality: '14729300' } }] };
const storage = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-places-')));

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
	await removeDemoPlaces(database.db);
});
afterAll(() => database?.drop());

const form = (over: Record<string, string> = {}) => {
	const read = readPlaceForm({ name: 'Heimatstube Borsdorf', description: 'Ausstellung zur Geschichte des Ortes und der Parthe.', category: 'kultur', lat: '51.3455', lon: '12.5375', address: 'Bahnhofstraße 1', openingHours: 'Sa,Su 14:00-17:00; PH off', stepFree: 'on', ...over });
	if (!('input' in read)) throw new Error(JSON.stringify(read.errors));
	return read.input;
};

describe('places', () => {
	let id: number;

	it('refuses opening hours that are not in the OpenStreetMap syntax and a point outside the region', async () => {
		const read = readPlaceForm({ name: 'x', description: 'kurz', category: 'gibt-es-nicht', lat: '', lon: '', openingHours: 'Mo bis Fr 9-17 Uhr' });
		expect('errors' in read && Object.keys(read.errors).sort()).toEqual(['category', 'description', 'lat', 'name', 'openingHours']);
		await expect(createPlace(database.db, storage, editorBorsdorf, form({ lat: '51.34', lon: '12.37' }), null)).rejects.toMatchObject({ field: 'lat' });
	});

	it('takes its municipality from the point; only that municipality’s editors keep it', async () => {
		await expect(createPlace(database.db, storage, editorNaunhof, form(), null)).rejects.toBeInstanceOf(ForbiddenError);
		id = await createPlace(database.db, storage, editorBorsdorf, form(), null);
		const found = await getPublicPlace(database.db, id);
		expect(found.place.municipalityAgs).toBe(BORSDORF);
		expect(found.place.openingHours).toBe('Sa,Su 14:00-17:00; PH off');
		expect((await listPlaces(database.db, { category: 'kultur', ags: BORSDORF }, 10)).map((r) => r.place.name)).toEqual(['Heimatstube Borsdorf']);
		expect((await listPlaces(database.db, { category: 'sport' }, 10)).map((r) => r.place.name)).toEqual([]);
		expect((await search(database.db, { q: 'Heimatstube', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).toContain(`/orte/${id}`);
		await expect(updatePlace(database.db, storage, editorNaunhof, id, form(), null, false)).rejects.toBeInstanceOf(ForbiddenError);
		await updatePlace(database.db, storage, editorBorsdorf, id, form({ name: 'Heimatstube im Bahnhof' }), null, false);
		expect((await getPublicPlace(database.db, id)).place.name).toBe('Heimatstube im Bahnhof');
	});

	it('lends an event linked to it its name, address and municipality, and lists it on its page', async () => {
		const read = readEventForm({ title: 'Lesung in der Heimatstube', description: 'Ein Abend mit Geschichten aus dem Ort.', startDay: '2030-05-02', startTime: '19:00', placeId: String(id), isFree: 'on' }, ['kultur']);
		if (!('input' in read)) throw new Error(JSON.stringify(read.errors));
		expect(read.input.placeId).toBe(id);
		const { id: eventId } = await createEvent(database.db, storage, editorBorsdorf, read.input, null, { origin: 'https://partheland.example' });
		const found = await getPublicPlace(database.db, id);
		expect(found.events.map((e) => e.id)).toContain(eventId);
		const [row] = await queryRows<{ location_name: string; address: string; municipality_ags: string }>(database.db, sql`select location_name, address, municipality_ags from event where id = ${eventId}`);
		expect(row).toEqual({ location_name: 'Heimatstube im Bahnhof', address: 'Bahnhofstraße 1', municipality_ags: BORSDORF });
	});

	it('is removed by its editors, also from the search', async () => {
		await removePlace(database.db, storage, editorBorsdorf, id);
		await expect(getPublicPlace(database.db, id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await search(database.db, { q: 'Heimatstube', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).not.toContain(`/orte/${id}`);
	});

	it('comes as demo data into an empty directory', async () => {
		expect(await seedDemoPlaces(database.db)).toBeGreaterThan(2);
		expect(await seedDemoPlaces(database.db)).toBe(0);
	});
});
