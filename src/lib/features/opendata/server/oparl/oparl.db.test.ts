import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { systemActor } from '#lib/server/actor.ts';
import { addAgendaItem, createMeeting, updateAgendaItem } from '../../../bodies/server/service.ts';
import { OparlError, answerOparl } from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const origin = 'https://partheland.example';
const BASE = `${origin}/oparl/v1.1`;
type Obj = Record<string, unknown> & { id: string; type: string };
type Page = { data: Obj[]; pagination: Record<string, number>; links: Record<string, string> };

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.drop();
});

/** GET an OParl URL the way the route does. */
const get = (href: string) => {
	const url = new URL(href);
	return answerOparl(database.db, url, url.pathname.replace(/^\/oparl\/v1\.1\/?/, '')) as Promise<unknown>;
};

async function walk(href: string, between?: (page: Page) => Promise<void>) {
	const seen: Obj[] = [];
	let next: string | undefined = href;
	while (next) {
		const page = (await get(next)) as Page;
		seen.push(...page.data);
		next = page.links.next;
		if (next && between) await between(page);
	}
	return seen;
}

/** OParl: mandatory properties are never null; optional ones are left out rather than null. */
function nulls(value: unknown, at = ''): string[] {
	if (value === null) return [at];
	if (Array.isArray(value)) return value.flatMap((v, i) => nulls(v, `${at}[${i}]`));
	if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => nulls(v, `${at}.${k}`));
	return [];
}

const mandatory: Record<string, string[]> = {
	System: ['id', 'type', 'oparlVersion', 'body'],
	Body: ['id', 'type', 'name', 'organization', 'person', 'meeting', 'paper', 'legislativeTerm'],
	Organization: ['id', 'type', 'body', 'name'],
	Person: ['id', 'type', 'body', 'name'],
	Membership: ['id', 'type', 'organization'],
	LegislativeTerm: ['id', 'type'],
	Meeting: ['id', 'type', 'start', 'organization'],
	AgendaItem: ['id', 'type', 'order', 'meeting'],
	Consultation: ['id', 'type', 'agendaItem', 'meeting', 'paper'],
	Paper: ['id', 'type', 'body', 'name', 'reference', 'date'],
	File: ['id', 'type', 'accessUrl'],
	Location: ['id', 'type']
};

function checkObject(o: Obj) {
	const type = o.type.replace('https://schema.oparl.org/1.1/', '');
	expect(mandatory[type], o.type).toBeDefined();
	for (const field of [...mandatory[type], 'created', 'modified']) expect(o[field], `${o.id} ${field}`).toBeDefined();
	expect(new Date(o.created as string).toISOString()).toBe(o.created);
	expect(nulls(o), o.id).toEqual([]);
}

describe('OParl 1.1', () => {
	it('starts at the System, which leads to the one Body and its lists', async () => {
		const system = (await get(BASE)) as Obj;
		expect(system).toMatchObject({ id: BASE, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', body: `${BASE}/body` });
		checkObject(system);
		const bodies = (await get(system.body as string)) as Page;
		expect(bodies.data).toHaveLength(1);
		const body = bodies.data[0];
		checkObject(body);
		expect(await get(body.id)).toEqual(body);
		for (const list of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership']) {
			const page = (await get(body[list] as string)) as Page;
			expect(page.pagination, list).toMatchObject({ elementsPerPage: 100, currentPage: 1 });
			expect(page.links.self).toBe(body[list]);
		}
	});

	it('gives every object of every list its mandatory fields, never null, at its own URL', async () => {
		const body = (await get(`${BASE}/body/partheland`)) as Obj;
		let objects = 0;
		for (const list of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership']) {
			for (const o of await walk(`${body[list]}?limit=2`)) {
				checkObject(o);
				expect(await get(o.id)).toEqual(o);
				objects++;
			}
		}
		expect(objects).toBeGreaterThan(20);
		// embedded objects carry theirs too, without the reference back
		const meeting = (await walk(`${BASE}/body/partheland/meeting`)).find((m) => Array.isArray(m.agendaItem) && (m.agendaItem as Obj[]).length)!;
		for (const item of meeting.agendaItem as Obj[]) {
			checkObject({ ...item, meeting: meeting.id });
			expect(item.meeting).toBeUndefined();
		}
	});

	it('shows people by name and function only, and never a closed agenda item', async () => {
		const people = await walk(`${BASE}/body/partheland/person`);
		expect(people.length).toBeGreaterThan(0);
		expect(JSON.stringify(people)).not.toMatch(/@/);
		const items = await walk(`${BASE}/body/partheland/agendaItem`);
		expect(items.map((i) => i.name)).not.toContain('Personalangelegenheit der Koordinierungsstelle');
		const meetings = JSON.stringify(await walk(`${BASE}/body/partheland/meeting`));
		expect(meetings).not.toContain('Personalangelegenheit');
		const [closed] = await queryRows<{ id: number }>(database.db, sql`select id from agenda_item where not is_public limit 1`);
		expect(await get(`${BASE}/agendaItem/${closed.id}`)).toMatchObject({ deleted: true });
		expect(JSON.stringify(await get(`${BASE}/agendaItem/${closed.id}`))).not.toContain('Personal');
	});

	it('visits every object of a list exactly once while objects are added and deleted during the walk', async () => {
		const [{ bodyId }] = await queryRows<{ bodyId: number }>(database.db, sql`select id as "bodyId" from body order by id limit 1`);
		const add = async (n: number) => {
			const ids = [];
			for (let i = 0; i < n; i++) ids.push((await createMeeting(database.db, systemActor, bodyId, { startsAt: new Date(Date.UTC(2027, 0, 1 + i, 16)), endsAt: null, locationText: 'Rathaus', onlineUrl: null })).id);
			return ids;
		};
		const initial = await add(6);
		const before = (await walk(`${BASE}/body/partheland/meeting`)).map((m) => m.id);
		let step = 0;
		const deleted: string[] = [];
		const added: number[] = [];
		const seen = await walk(`${BASE}/body/partheland/meeting?limit=2`, async (page) => {
			step++;
			// delete one object already visited and one still ahead; add new ones
			const visited = Number(page.data[0].id.split('/').pop());
			const ahead = initial[initial.length - step];
			for (const id of [visited, ahead]) {
				if (!initial.includes(id) || deleted.includes(`${BASE}/meeting/${id}`)) continue;
				await database.db.execute(sql`delete from meeting where id = ${id}`);
				deleted.push(`${BASE}/meeting/${id}`);
			}
			added.push(...(await add(1)));
		});
		const ids = seen.map((m) => m.id);
		expect(new Set(ids).size).toBe(ids.length);
		// everything there from the first page to the last was visited
		for (const id of before.filter((id) => !deleted.includes(id))) expect(ids).toContain(id);
		// and what was added during the walk comes after, in id order
		for (const id of added) expect(ids).toContain(`${BASE}/meeting/${id}`);
		expect(deleted.length).toBeGreaterThan(1);
	});

	it('answers deleted objects with deleted: true and lists them for changes since, not otherwise', async () => {
		const since = new Date(Date.now() - 1000).toISOString();
		const [{ bodyId }] = await queryRows<{ bodyId: number }>(database.db, sql`select id as "bodyId" from body order by id limit 1`);
		const meeting = await createMeeting(database.db, systemActor, bodyId, { startsAt: new Date(Date.UTC(2027, 5, 1, 16)), endsAt: null, locationText: 'Bürgerhaus', onlineUrl: null });
		const before = (await get(`${BASE}/meeting/${meeting.id}`)) as Obj;
		await database.db.execute(sql`delete from meeting where id = ${meeting.id}`);
		const gone = (await get(`${BASE}/meeting/${meeting.id}`)) as Obj;
		expect(gone).toEqual({ id: before.id, type: before.type, created: before.created, modified: gone.modified, deleted: true });
		expect(new Date(gone.modified as string).getTime()).toBeGreaterThanOrEqual(new Date(before.modified as string).getTime());
		// its place went with it
		expect(await get(`${BASE}/location/${meeting.id}`)).toMatchObject({ deleted: true });

		const changes = await walk(`${BASE}/body/partheland/meeting?modified_since=${encodeURIComponent(since)}`);
		expect(changes.find((m) => m.id === before.id)).toMatchObject({ deleted: true });
		const all = await walk(`${BASE}/body/partheland/meeting`);
		expect(all.map((m) => m.id)).not.toContain(before.id);
		await expect(get(`${BASE}/meeting/999999999`)).rejects.toMatchObject({ status: 404 });
	});

	it('moves a meeting’s modified when its agenda changes, and lists an item made closed as deleted', async () => {
		const [{ bodyId }] = await queryRows<{ bodyId: number }>(database.db, sql`select id as "bodyId" from body order by id limit 1`);
		const meeting = await createMeeting(database.db, systemActor, bodyId, { startsAt: new Date(Date.UTC(2027, 6, 1, 16)), endsAt: null, locationText: 'Rathaus', onlineUrl: null });
		const first = (await get(`${BASE}/meeting/${meeting.id}`)) as Obj;
		await new Promise((r) => setTimeout(r, 20));
		const item = await addAgendaItem(database.db, systemActor, meeting.id, { title: 'Haushalt 2027', isPublic: true, paperId: null });
		const second = (await get(`${BASE}/meeting/${meeting.id}`)) as Obj;
		expect((second.modified as string) > (first.modified as string)).toBe(true);
		expect((second.agendaItem as Obj[]).map((i) => i.name)).toEqual(['Haushalt 2027']);

		const since = new Date().toISOString();
		await new Promise((r) => setTimeout(r, 20));
		await updateAgendaItem(database.db, systemActor, item.id, { title: 'Haushalt 2027', isPublic: false, paperId: null });
		const changed = await walk(`${BASE}/body/partheland/agendaItem?modified_since=${encodeURIComponent(since)}`);
		expect(changed.find((i) => i.id === `${BASE}/agendaItem/${item.id}`)).toMatchObject({ deleted: true });
		expect(((await get(`${BASE}/meeting/${meeting.id}`)) as Obj).agendaItem).toBeUndefined();
	});

	it('filters by creation and change, and refuses a filter that is not a date with an OParl error', async () => {
		const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
		expect(((await get(`${BASE}/body/partheland/meeting?created_since=${future}`)) as Page).data).toEqual([]);
		// a zone sent without encoding its "+" is read as meant
		expect(((await get(`${BASE}/body/partheland/meeting?created_since=2000-01-01T00:00:00+01:00`)) as Page).data.length).toBeGreaterThan(0);
		const past = encodeURIComponent('2000-01-01T00:00:00+01:00');
		const page = (await get(`${BASE}/body/partheland/meeting?created_since=${past}&limit=1`)) as Page;
		expect(page.data).toHaveLength(1);
		expect(page.pagination.totalPages).toBe(page.pagination.totalElements);
		expect(page.links.next).toContain('created_since=');
		await expect(get(`${BASE}/body/partheland/meeting?modified_since=gestern`)).rejects.toBeInstanceOf(OparlError);
		await expect(get(`${BASE}/body/partheland/meeting?limit=x`)).rejects.toMatchObject({ status: 400 });
		await expect(get(`${BASE}/body/nirgendwo`)).rejects.toMatchObject({ status: 404 });
		// omit_internal leaves the embedded objects out
		const slim = (await get(`${BASE}/body/partheland/meeting?omit_internal=true`)) as Page;
		expect(slim.data.every((m) => m.agendaItem === undefined && m.location === undefined)).toBe(true);
	});
});
