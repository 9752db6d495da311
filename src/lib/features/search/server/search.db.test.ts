import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { searchSources } from '#lib/server/domains.ts';
import { reindexSearch, search } from './service.ts';
import type { SearchSource } from './registry.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

// A module plugs into search by declaring a source; this one stands for the reports module.
const reportCategories: SearchSource = {
	name: 'test-category',
	label: { de: 'Kategorie', en: 'Category' },
	documents: async () => [
		{ ref: '1', locale: 'de', title: 'Straßenschäden', summary: 'Schlaglöcher, Risse, abgesackte Gullys', body: '', url: '/anliegen/kategorie/1' },
		{ ref: '2', locale: 'de', title: 'Illegale Müllablagerung', summary: 'Sperrmüll im Wald', body: '', url: '/anliegen/kategorie/2' }
	]
};

describe('search', () => {
	it('finds German words regardless of ß, umlauts and their spelled-out forms', async () => {
		await reindexSearch(database.db, [reportCategories]);
		const hits = await search(database.db, { q: 'Strassenschaden', locale: 'de', page: 1 });
		expect(hits.hits[0]).toMatchObject({ title: 'Straßenschäden', source: 'test-category' });
		expect((await search(database.db, { q: 'Muellablagerung', locale: 'de', page: 1 })).hits[0].title).toBe('Illegale Müllablagerung');
		expect((await search(database.db, { q: 'Schlagloch', locale: 'de', page: 1 })).hits[0].title).toBe('Straßenschäden');
	});

	it('tolerates misspelt place names', async () => {
		expect((await search(database.db, { q: 'Naunof', locale: 'de', page: 1 })).hits[0].title).toBe('Naunhof');
		expect((await search(database.db, { q: 'Grosspoesna', locale: 'de', page: 1 })).hits[0].title).toBe('Großpösna');
		expect((await search(database.db, { q: 'Parthenstien', locale: 'de', page: 1 })).hits[0].title).toBe('Parthenstein');
	});

	it('searches the chosen language, and finds districts through their municipality', async () => {
		expect((await search(database.db, { q: 'Fuchshain', locale: 'de', page: 1 })).hits[0].title).toBe('Naunhof');
		// no document has both words: fall back to any of them
		expect((await search(database.db, { q: 'Ortsteil Fuchshain', locale: 'de', page: 1 })).hits[0].title).toBe('Naunhof');
		expect((await search(database.db, { q: 'Parthenstein Xylophon', locale: 'de', page: 1 })).hits[0].title).toBe('Parthenstein');
		const en = await search(database.db, { q: 'tourism', locale: 'en', page: 1 });
		expect(en.hits.some((h) => h.title.startsWith('Action field 4'))).toBe(true);
		const de = await search(database.db, { q: 'tourism', locale: 'de', page: 1 });
		expect(de.hits.length).toBeGreaterThan(0); // "Tourismus", close enough
		expect(de.hits.every((h) => !h.title.startsWith('Action field'))).toBe(true);
	});

	it('pages results and finds nothing for empty or unrelated input', async () => {
		const all = await search(database.db, { q: 'Leitziel', locale: 'de', page: 1 });
		expect(all.total).toBe(16);
		expect(all.pages).toBe(1);
		expect((await search(database.db, { q: '   ', locale: 'de', page: 1 })).total).toBe(0);
		expect((await search(database.db, { q: 'Xylophonorchester', locale: 'de', page: 1 })).total).toBe(0);
	});

	it('rebuilding the index from every registered source replaces, never duplicates', async () => {
		await reindexSearch(database.db, searchSources);
		const first = await search(database.db, { q: 'Naunhof', locale: 'de', page: 1 });
		await reindexSearch(database.db, searchSources);
		const second = await search(database.db, { q: 'Naunhof', locale: 'de', page: 1 });
		expect(second.total).toBe(first.total);
	});
});
