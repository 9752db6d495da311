import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { search } from '../../search/server/service.ts';
import { loadActor } from '../../accounts/server/service.ts';
import { readEventForm } from '../schemas.ts';
import { removeDemoEvents, seedDemoEvents } from './demo.ts';
import { eventFile, eventsFeed } from './feeds.ts';
import { listOccurrences, findEvent } from './queries.ts';
import { createEvent, getEventForEditing, getPublicEvent, nameOrganiser, reviewEvent, updateEvent, withdrawEvent } from './service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const ctx = { origin: 'https://partheland.example' };

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-events-'));
const storage = localStorage(storageDir);
let organiser: Actor;

const editorBorsdorf: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const editorNaunhof: Actor = { kind: 'user', name: 'Nora Naunhof', grants: [{ role: 'editor', scope: { municipality: NAUNHOF } }] };

beforeAll(async () => {
	database = await openTestDatabase();
	await removeDemoEvents(database.db);
	const [{ id }] = await queryRows<{ id: string }>(database.db, sql`select id from account where email = 'verein.borsdorf@partheland.example'`);
	organiser = (await loadActor(database.db, id))!;
});
afterAll(() => database?.drop());

/** A form as an editor types it. */
const form = (over: Record<string, string> = {}, categories = ['kultur']) => {
	const read = readEventForm(
		{ title: 'Sommerkonzert im Park', description: 'Der Musikverein spielt **Märsche** und Filmmusik.', startDay: '2026-07-04', startTime: '19:00', endTime: '21:30', locationName: 'Schlosspark', address: 'Parkstraße 1', municipalityAgs: BORSDORF, price: '8 €', ...over },
		categories
	);
	if (!('input' in read)) throw new Error(JSON.stringify(read.errors));
	return read.input;
};

describe('the event form', () => {
	it('reads days and times in Berlin time and builds the rule from the first day', () => {
		const input = form({ repeat: 'monthly', startDay: '2026-03-03', until: '2026-12-31', exceptions: '07.07.2026, 2026-08-04' });
		expect(input.startsAt.toISOString()).toBe('2026-03-03T18:00:00.000Z');
		expect(input.rrule).toBe('FREQ=MONTHLY;BYDAY=+1TU;UNTIL=20261231T225900Z');
		expect(input.exceptions).toEqual(['2026-07-07', '2026-08-04']);
	});
	it('refuses an end before the start, a missing place and an hourly rule, keeping the field of each', () => {
		const read = readEventForm({ title: 'Test', description: 'Eine Beschreibung.', startDay: '2026-07-04', startTime: '19:00', endDay: '2026-07-03', endTime: '10:00', repeat: 'custom', rrule: 'FREQ=HOURLY', isFree: 'on' }, ['kultur']);
		expect('errors' in read && Object.keys(read.errors).sort()).toEqual(['endDay', 'locationName', 'rrule']);
		expect('errors' in readEventForm({ title: 'Test', description: 'Eine Beschreibung.', startDay: '2026-07-04', allDay: 'on', locationName: 'x', isFree: 'on' }, []) && 'categories').toBe('categories');
	});
});

describe('events and their review', () => {
	let published: number;
	let submitted: number;

	it('an editor publishes an event of her municipality at once; another municipality’s editor may not', async () => {
		await expect(createEvent(database.db, storage, editorNaunhof, form(), null, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		const { id, mailIds } = await createEvent(database.db, storage, editorBorsdorf, form({ repeat: 'weekly', startDay: '2026-03-17', until: '2026-04-14', exceptions: '07.04.2026' }), null, ctx);
		published = id;
		expect(mailIds).toEqual([]);
		const occurrences = await listOccurrences(database.db, { ags: BORSDORF }, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') }, 50);
		// five Tuesdays from 17 March to 14 April, without 7 April; 19:00 in Berlin before and after the change of the clocks
		expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual(['2026-03-17T18:00:00.000Z', '2026-03-24T18:00:00.000Z', '2026-03-31T17:00:00.000Z', '2026-04-14T17:00:00.000Z']);
		expect((await search(database.db, { q: 'Sommerkonzert', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).toContain(`/veranstaltungen/${id}`);
	});

	it('an organiser submits with the rights confirmed; the editors hear of it and nothing is public yet', async () => {
		await expect(createEvent(database.db, storage, organiser, form({ title: 'Vereinsfest' }), null, ctx)).rejects.toMatchObject({ field: 'rights' });
		await expect(createEvent(database.db, storage, organiser, form({ title: 'Vereinsfest', municipalityAgs: NAUNHOF, rights: 'on' }), null, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
			.jpeg()
			.withExif({ IFD0: { Copyright: 'Heimatverein', Artist: 'Geheim' } })
			.toBuffer();
		const { id, mailIds } = await createEvent(database.db, storage, organiser, form({ title: 'Vereinsfest am Parthe-Ufer', rights: 'on', imageAlt: 'Festzelt am Fluss' }), image, ctx);
		submitted = id;
		expect(mailIds.length).toBeGreaterThan(0);
		const [mail] = await queryRows<{ subject: string; recipient: string }>(database.db, sql`select subject, recipient from mail_outbox where id = ${mailIds[0]}`);
		expect(mail.subject).toBe('Zur Prüfung: Vereinsfest am Parthe-Ufer');
		await expect(getPublicEvent(database.db, id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await search(database.db, { q: 'Vereinsfest', locale: 'de', page: 1 })).total).toBe(0);
		// the image was decoded and re-encoded: WebP without the metadata
		const row = (await findEvent(database.db, id))!.event;
		const stored = (await storage.read(row.imageKey!))!;
		const meta = await sharp(stored).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.exif).toBeUndefined();
	});

	it('the editor returns it with a comment; the organiser changes it, and the editor publishes it', async () => {
		await expect(reviewEvent(database.db, editorNaunhof, submitted, { approve: true }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(reviewEvent(database.db, editorBorsdorf, submitted, { approve: false, comment: '' }, ctx)).rejects.toMatchObject({ field: 'comment' });
		const returned = await reviewEvent(database.db, editorBorsdorf, submitted, { approve: false, comment: 'Bitte die Uhrzeit des Endes ergänzen.' }, ctx);
		const [mail] = await queryRows<{ subject: string; recipient: string; body: string }>(database.db, sql`select subject, recipient, body from mail_outbox where id = ${returned[0]}`);
		expect(mail).toMatchObject({ recipient: 'verein.borsdorf@partheland.example', subject: 'Bitte überarbeiten: Vereinsfest am Parthe-Ufer' });
		expect(mail.body).toContain('Bitte die Uhrzeit des Endes ergänzen.');

		// the organiser's own pages act only for the organiser: the editor is sent to the back office, a stranger learns nothing
		await expect(getEventForEditing(database.db, editorBorsdorf, submitted, 'organiser')).rejects.toThrow('Diese Seite ist für die Veranstalter');
		await expect(withdrawEvent(database.db, editorBorsdorf, submitted, 'organiser')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getEventForEditing(database.db, editorNaunhof, submitted, 'organiser')).rejects.toBeInstanceOf(NotFoundError);
		expect((await getEventForEditing(database.db, editorBorsdorf, submitted)).event.status).toBe('returned');
		await updateEvent(database.db, storage, organiser, submitted, form({ title: 'Vereinsfest am Parthe-Ufer', endTime: '23:00', rights: 'on', imageAlt: 'Festzelt am Fluss' }), null, false, ctx, 'organiser');
		expect((await getEventForEditing(database.db, organiser, submitted, 'organiser')).event.status).toBe('submitted');
		const approved = await reviewEvent(database.db, editorBorsdorf, submitted, { approve: true }, ctx);
		const [notice] = await queryRows<{ subject: string }>(database.db, sql`select subject from mail_outbox where id = ${approved[0]}`);
		expect(notice.subject).toBe('Veröffentlicht: Vereinsfest am Parthe-Ufer');
		expect((await getPublicEvent(database.db, submitted)).event.sequence).toBe(1);
		// published, it is the editors' now: the organiser no longer changes it
		await expect(updateEvent(database.db, storage, organiser, submitted, form({ rights: 'on' }), null, false, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getEventForEditing(database.db, organiser, submitted, 'organiser')).rejects.toThrow('nicht mehr in Prüfung');
		expect((await search(database.db, { q: 'Vereinsfest', locale: 'de', page: 1 })).total).toBeGreaterThan(0);
	});

	it('writes iCalendar that reads back the same: zone, UID, RRULE, EXDATE, sequence', async () => {
		const found = (await findEvent(database.db, published))!;
		const calendar = new ICAL.Component(ICAL.parse(eventFile(found, ctx.origin)));
		const zone = calendar.getFirstSubcomponent('vtimezone')!;
		expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
		// a calendar program learns the zone from the file itself
		ICAL.TimezoneService.register(zone);
		const vevent = calendar.getFirstSubcomponent('vevent')!;
		const e = new ICAL.Event(vevent);
		expect(e.uid).toBe(`event-${published}@partheland.example`);
		expect(e.summary).toBe('Sommerkonzert im Park');
		expect(e.startDate.toString()).toBe('2026-03-17T19:00:00');
		expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
		expect(e.endDate.toString()).toBe('2026-03-17T21:30:00');
		expect(String(vevent.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20260414T215900Z');
		expect(vevent.getFirstProperty('exdate')?.getParameter('tzid')).toBe('Europe/Berlin');
		expect(String(vevent.getFirstPropertyValue('exdate'))).toBe('2026-04-07T19:00:00');
		expect(vevent.getAllProperties('categories').map((p) => p.getFirstValue())).toEqual(['Kultur']);
		// a calendar program's expansion of what we wrote gives the stored dates (EXDATE applied)
		const expansion = e.iterator();
		const dates: string[] = [];
		for (let next = expansion.next(); next && dates.length < 10; next = expansion.next()) dates.push(next.toJSDate().toISOString());
		expect(dates).toEqual(['2026-03-17T18:00:00.000Z', '2026-03-24T18:00:00.000Z', '2026-03-31T17:00:00.000Z', '2026-04-14T17:00:00.000Z']);
	});

	it('feeds the selection: a municipality’s feed has its events only, withdrawn ones leave it', async () => {
		const all = await eventsFeed(database.db, {}, 'Alle', ctx.origin, new Date('2026-03-01T00:00:00Z'));
		expect(all).toContain('Sommerkonzert im Park');
		expect(await eventsFeed(database.db, { ags: NAUNHOF }, 'Naunhof', ctx.origin, new Date('2026-03-01T00:00:00Z'))).not.toContain('Sommerkonzert');
		expect(await eventsFeed(database.db, { category: 'sport' }, 'Sport', ctx.origin, new Date('2026-03-01T00:00:00Z'))).not.toContain('Sommerkonzert');
		await withdrawEvent(database.db, editorBorsdorf, published);
		expect(await eventsFeed(database.db, {}, 'Alle', ctx.origin, new Date('2026-03-01T00:00:00Z'))).not.toContain('Sommerkonzert');
		await expect(getPublicEvent(database.db, published)).rejects.toBeInstanceOf(NotFoundError);
		expect((await search(database.db, { q: 'Sommerkonzert', locale: 'de', page: 1 })).total).toBe(0);
	});

	it('is named by an editor of the municipality, for a confirmed account only', async () => {
		await expect(nameOrganiser(database.db, editorNaunhof, { email: 'buerger@partheland.example', municipalityAgs: BORSDORF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(nameOrganiser(database.db, editorBorsdorf, { email: 'niemand@example.org', municipalityAgs: BORSDORF })).rejects.toMatchObject({ field: 'email' });
		await nameOrganiser(database.db, editorBorsdorf, { email: 'buerger@partheland.example', municipalityAgs: BORSDORF });
		const [{ id }] = await queryRows<{ id: string }>(database.db, sql`select id from account where email = 'buerger@partheland.example'`);
		const citizen = (await loadActor(database.db, id))!;
		expect(citizen.grants.some((g) => g.role === 'organiser')).toBe(true);
	});
});

describe('demo events', () => {
	it('are seeded into an installation without events and removed again', async () => {
		expect(await seedDemoEvents(database.db)).toBe(0);
		await database.db.execute(sql`delete from event`);
		expect(await seedDemoEvents(database.db)).toBeGreaterThan(4);
		expect(await removeDemoEvents(database.db)).toBeGreaterThan(4);
	});
});
