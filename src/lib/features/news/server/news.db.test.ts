import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../../../../../test/db.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { search } from '../../search/server/service.ts';
import { readNewsForm } from '../schemas.ts';
import { removeDemoNews, seedDemoNews } from './demo.ts';
import { newsFeed } from './feeds.ts';
import { listPublished } from './queries.ts';
import { createNews, getPublicNews, indexDueNews, updateNews, type NewsInput } from './service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const editorBorsdorf: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const coordinator: Actor = { kind: 'user', name: 'Kerstin Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };
const storage = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-news-')));

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
	await removeDemoNews(database.db);
});
afterAll(() => database?.drop());

const input = (over: Partial<NewsInput> = {}): NewsInput => ({ title: 'Neue Öffnungszeiten im Bürgerbüro', teaser: 'Ab Januar ist das Bürgerbüro auch am Samstagvormittag geöffnet (Samstagsöffnung).', body: 'Das **Bürgerbüro** öffnet samstags von 9 bis 12 Uhr.', municipalityAgs: BORSDORF, status: 'draft', publishAt: null, author: 'Redaktion Borsdorf', imageAlt: null, ...over });
const titles = async (now = new Date()) => (await listPublished(database.db, {}, now, 50)).map((r) => r.news.title);

describe('news', () => {
	let id: number;

	it('is written by the municipality’s editors; the region’s by the coordination office only', async () => {
		await expect(createNews(database.db, storage, editorBorsdorf, input({ municipalityAgs: NAUNHOF }), null)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createNews(database.db, storage, editorBorsdorf, input({ municipalityAgs: null }), null)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await createNews(database.db, storage, coordinator, input({ municipalityAgs: null, title: 'Gemeinsame Nachricht der Region', status: 'published' }), null)).toBeGreaterThan(0);
		id = await createNews(database.db, storage, editorBorsdorf, input(), null);
	});

	it('stays hidden as a draft and until its scheduled time, then shows in lists, search and feeds', async () => {
		await expect(getPublicNews(database.db, id)).rejects.toBeInstanceOf(NotFoundError);
		const inAnHour = new Date(Date.now() + 3_600_000);
		await updateNews(database.db, storage, editorBorsdorf, id, input({ status: 'published', publishAt: inAnHour }), null, false);
		await expect(getPublicNews(database.db, id)).rejects.toBeInstanceOf(NotFoundError);
		expect(await titles()).not.toContain('Neue Öffnungszeiten im Bürgerbüro');
		expect((await search(database.db, { q: 'Samstagsöffnung', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).not.toContain(`/nachrichten/${id}`);

		const later = new Date(inAnHour.getTime() + 60_000);
		expect(await titles(later)).toEqual(['Neue Öffnungszeiten im Bürgerbüro', 'Gemeinsame Nachricht der Region']);
		expect((await getPublicNews(database.db, id, later)).news.title).toBe('Neue Öffnungszeiten im Bürgerbüro');
		// the job that runs every few minutes brings the search up to date once it is due
		expect(await indexDueNews(database.db, new Date(inAnHour.getTime() - 60_000), later)).toBe(true);
		expect(await indexDueNews(database.db, later, new Date(later.getTime() + 60_000))).toBe(false);
		// (the index is built from what is due now; the scheduled time lies an hour ahead of the test's clock)
	});

	it('is published now when no time is given, and an archived item leaves lists and feeds but keeps its address', async () => {
		await updateNews(database.db, storage, editorBorsdorf, id, input({ status: 'published', publishAt: null }), null, false);
		expect((await getPublicNews(database.db, id)).news.publishAt!.getTime()).toBeLessThanOrEqual(Date.now());
		expect((await search(database.db, { q: 'Samstagsöffnung', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).toContain(`/nachrichten/${id}`);
		const rss = (await newsFeed(database.db, { ags: BORSDORF }, { title: 'Nachrichten Borsdorf', origin: 'https://partheland.example', self: { rss: '/r', atom: '/a' } })).rss2();
		expect(rss).toContain('<title><![CDATA[Neue Öffnungszeiten im Bürgerbüro]]></title>');
		expect(rss).not.toContain('Gemeinsame Nachricht der Region');
		expect(rss).toContain('<strong>Bürgerbüro</strong>');
		const atom = (await newsFeed(database.db, { ags: 'region' }, { title: 'Nachrichten Region', origin: 'https://partheland.example', self: { rss: '/r', atom: '/a' } })).atom1();
		expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
		expect(atom).toContain('Gemeinsame Nachricht der Region');
		expect(atom).not.toContain('Öffnungszeiten');

		await updateNews(database.db, storage, editorBorsdorf, id, input({ status: 'archived' }), null, false);
		expect(await titles()).toEqual(['Gemeinsame Nachricht der Region']);
		expect((await getPublicNews(database.db, id)).news.status).toBe('archived');
		expect((await search(database.db, { q: 'Samstagsöffnung', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).not.toContain(`/nachrichten/${id}`);
	});

	it('refuses an incomplete form field by field', () => {
		const read = readNewsForm({ title: 'x', teaser: 'kurz', body: '', author: '', status: 'published', publishDay: '2026-13-40' });
		expect('errors' in read && Object.keys(read.errors).sort()).toEqual(['author', 'body', 'publishDay', 'teaser', 'title']);
	});

	it('comes as demo data into an installation without news', async () => {
		expect(await seedDemoNews(database.db)).toBe(0);
	});
});
