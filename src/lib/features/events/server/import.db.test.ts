import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, type Actor } from '#lib/server/actor.ts';
import { isPublicAddress } from '#lib/server/safe-fetch.ts';
import { MAX_OCCURRENCES } from '../recurrence.ts';
import { addSource, importSource, removeSource } from './import.ts';
import { listOccurrences } from './queries.ts';
import { removeDemoEvents } from './demo.ts';

const BORSDORF = '14729060';
const ctx = { origin: 'https://partheland.example' };
const editor: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const otherEditor: Actor = { kind: 'user', name: 'Nora Naunhof', grants: [{ role: 'editor', scope: { municipality: '14729300' } }] };

const calendar = (...events: string[]) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gemeinde//Website//DE', ...events, 'END:VCALENDAR'].join('\r\n');
const vevent = (uid: string, summary: string, extra: string[] = []) =>
	['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `SUMMARY:${summary}`, 'DTSTART;TZID=Europe/Berlin:20270112T190000', 'DTEND;TZID=Europe/Berlin:20270112T210000', ...extra, 'END:VEVENT'].join('\r\n');

/** The municipality's website, played by a loopback server whose answers the tests set. */
const site: Record<string, { status?: number; type?: string; body?: string | Buffer; location?: string; hang?: boolean; endless?: boolean }> = {};
let server: http.Server;
let base = '';
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const opts = { allowPrivate: true, maxBytes: 200_000, timeoutMs: 2000 };

beforeAll(async () => {
	database = await openTestDatabase();
	await removeDemoEvents(database.db);
	server = http.createServer((req, res) => {
		const page = site[req.url ?? ''];
		if (!page) return res.writeHead(404).end();
		if (page.hang) return; // never answers
		if (page.location) return res.writeHead(302, { location: page.location }).end();
		if (page.endless) {
			res.writeHead(200, { 'content-type': 'text/calendar' });
			const chunk = Buffer.alloc(64 * 1024, 'A');
			const write = () => {
				while (res.write(chunk));
				res.once('drain', write);
			};
			res.on('close', () => res.removeAllListeners('drain'));
			return write();
		}
		res.writeHead(page.status ?? 200, { 'content-type': page.type ?? 'text/calendar' }).end(page.body ?? '');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve));
	await database?.drop();
});

const titles = async () => (await queryRows<{ title: string }>(database.db, sql`select title from event where source_id is not null order by title`)).map((r) => r.title);

describe('importing a municipality’s calendar', () => {
	let sourceId: number;

	it('is subscribed by an editor of the municipality only, for http(s) addresses', async () => {
		await expect(addSource(database.db, otherEditor, { url: `${base}/kalender.ics`, municipalityAgs: BORSDORF, category: 'kultur', name: 'Website' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(addSource(database.db, editor, { url: 'file:///etc/passwd', municipalityAgs: BORSDORF, category: 'kultur', name: 'x' })).rejects.toMatchObject({ field: 'url' });
		sourceId = (await addSource(database.db, editor, { url: `${base}/kalender.ics`, municipalityAgs: BORSDORF, category: 'kultur', name: 'Website Borsdorf' })).id;
		await expect(addSource(database.db, editor, { url: `${base}/kalender.ics`, municipalityAgs: BORSDORF, category: 'kultur', name: 'nochmal' })).rejects.toMatchObject({ field: 'url' });
	});

	it('creates the events of the file, updates changed ones by UID and removes vanished ones', async () => {
		site['/kalender.ics'] = {
			body: calendar(
				vevent('a@gemeinde', 'Adventskonzert', ['CATEGORIES:Kultur', 'LOCATION:Kirche']),
				vevent('b@gemeinde', 'Seniorentanz', ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20270119T190000', 'CATEGORIES:Senioren']),
				vevent('c@gemeinde', 'Gemeinderat', ['CATEGORIES:Gremien & Politik'])
			)
		};
		const first = await importSource(database.db, sourceId, opts, ctx);
		expect(first).toMatchObject({ ok: true, created: 3, updated: 0, removed: 0 });
		expect(await titles()).toEqual(['Adventskonzert', 'Gemeinderat', 'Seniorentanz']);
		const dances = (await listOccurrences(database.db, { category: 'senioren' }, { from: new Date('2027-01-01T00:00:00Z') }, 10)).filter((o) => o.event.title === 'Seniorentanz');
		expect(dances.map((o) => o.startsAt.toISOString())).toEqual(['2027-01-12T18:00:00.000Z', '2027-01-26T18:00:00.000Z']);

		// unchanged entries are left alone; a changed one is updated in place, a vanished one goes
		site['/kalender.ics'] = { body: calendar(vevent('a@gemeinde', 'Adventskonzert mit Chor', ['CATEGORIES:Kultur']), vevent('b@gemeinde', 'Seniorentanz', ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20270119T190000', 'CATEGORIES:Senioren'])) };
		const second = await importSource(database.db, sourceId, opts, ctx);
		expect(second).toMatchObject({ ok: true, created: 0, updated: 1, removed: 1 });
		expect(await titles()).toEqual(['Adventskonzert mit Chor', 'Seniorentanz']);
		const [concert] = await queryRows<{ sequence: number; status: string; organiser: string }>(database.db, sql`select sequence, status, organiser from event where external_uid = 'a@gemeinde'`);
		expect(concert).toEqual({ sequence: 1, status: 'published', organiser: 'Website Borsdorf' });
	});

	it.each([
		['a broken file', { body: 'Das ist kein Kalender' }, /kein lesbarer iCalendar/],
		['an HTML page', { body: '<html><body>Fehler</body></html>', type: 'text/html' }, /kein lesbarer iCalendar|keinen Kalender/],
		['a server error', { status: 500, body: 'kaputt' }, /500/],
		['a file larger than the cap', { endless: true }, /größer als/],
		['a server that never answers', { hang: true }, /zu lange/],
		['a redirect loop', { location: '/kalender.ics' }, /Weiterleitungen/]
	])('refuses %s with a message and keeps the events imported before', async (_name, page, message) => {
		site['/kalender.ics'] = page;
		const result = await importSource(database.db, sourceId, opts, ctx);
		expect(result.ok).toBe(false);
		expect(result.ok === false && result.message).toMatch(message);
		expect(await titles()).toEqual(['Adventskonzert mit Chor', 'Seniorentanz']);
	});

	it('tells the editors once when a working source stops working', async () => {
		const [source] = await queryRows<{ last_status: string; last_message: string }>(database.db, sql`select last_status, last_message from event_source where id = ${sourceId}`);
		expect(source.last_status).toBe('error');
		const mails = await queryRows<{ subject: string }>(database.db, sql`select subject from mail_outbox where topic = ${`event-source:${sourceId}`}`);
		// six failures in a row after a success: one mail per editor, not six
		expect(new Set(mails.map((m) => m.subject))).toEqual(new Set(['Kalenderimport gestört: Website Borsdorf']));
		const editors = await queryRows<{ n: number }>(database.db, sql`select count(distinct a.id)::int as n from account a join role_grant g on g.account_id = a.id where g.municipality_ags = ${BORSDORF} and g.role in ('editor','municipality_admin') and a.email_verified_at is not null`);
		expect(mails).toHaveLength(editors[0].n);
	});

	it('skips rules finer than daily and caps a rule that would flood the calendar', async () => {
		site['/kalender.ics'] = { body: calendar(vevent('bomb@x', 'Jede Sekunde', ['RRULE:FREQ=SECONDLY']), vevent('daily@x', 'Täglich für immer', ['RRULE:FREQ=DAILY'])) };
		const result = await importSource(database.db, sourceId, opts, ctx);
		expect(result.ok && result.problems.join(' ')).toMatch(/Jede Sekunde/);
		const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from event_occurrence o join event e on e.id = o.event_id where e.external_uid = 'daily@x'`);
		expect(n).toBeLessThanOrEqual(MAX_OCCURRENCES);
		expect(await titles()).toEqual(['Täglich für immer']);
	});

	it('refuses loopback and private addresses unless the setting allows them, also behind a redirect', async () => {
		site['/kalender.ics'] = { body: calendar(vevent('a@gemeinde', 'Konzert')) };
		const closed = { ...opts, allowPrivate: false };
		expect(await importSource(database.db, sourceId, closed, ctx)).toMatchObject({ ok: false, message: expect.stringMatching(/internen Netz/) });
		for (const address of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.16.5.4', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1', '0.0.0.0']) expect(isPublicAddress(address), address).toBe(false);
		expect(isPublicAddress('85.13.128.1')).toBe(true);
		expect(isPublicAddress('2a01:4f8::1')).toBe(true);
		expect(await titles()).toEqual(['Täglich für immer']);
	});

	it('goes with its events when the subscription ends', async () => {
		await expect(removeSource(database.db, otherEditor, sourceId)).rejects.toBeInstanceOf(ForbiddenError);
		await removeSource(database.db, editor, sourceId);
		expect(await titles()).toEqual([]);
	});
});
