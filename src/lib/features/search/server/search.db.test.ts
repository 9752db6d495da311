import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { searchSources } from '#lib/server/domains.ts';
import { refreshSearchAtStart, reindexSearch, search } from './service.ts';
import type { SearchSource } from './registry.ts';
import { SEARCH_CANDIDATES } from './queries.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

// A module plugs into search by declaring a source; this one stands for the reports module.
const reportCategories: SearchSource = {
	name: 'test-category',
	version: 1,
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

	it('rebuilds at start only the sources whose version changed, and the small ones from code', async () => {
		let title = 'Quokkagehege am Weiher';
		const source = (version: number, rebuiltAtStart = false): SearchSource => ({
			name: `test-start-${rebuiltAtStart ? 'code' : 'data'}`,
			version,
			rebuiltAtStart,
			label: { de: 'Test', en: 'Test' },
			documents: async () => [{ ref: 'a', locale: 'de', title, summary: '', body: '', url: '/test' }]
		});
		await reindexSearch(database.db, [source(1), source(1, true)]);
		title = 'Zebrafinkenvoliere am Weiher';
		// same version: kept as it is (the domain keeps it current on every write), code pages rebuilt
		expect(await refreshSearchAtStart(database.db, [source(1), source(1, true)])).toEqual(['test-start-code']);
		const hits = async (q: string) => (await search(database.db, { q, locale: 'de', page: 1 })).hits.map((h) => h.source);
		expect(await hits('Quokkagehege')).toEqual(['test-start-data']);
		expect(await hits('Zebrafinkenvoliere')).toEqual(['test-start-code']);
		// a new version of the documents: rebuilt once, then left alone again
		expect(await refreshSearchAtStart(database.db, [source(2)])).toEqual(['test-start-data']);
		expect((await hits('Zebrafinkenvoliere')).sort()).toEqual(['test-start-code', 'test-start-data']);
		expect(await refreshSearchAtStart(database.db, [source(2)])).toEqual([]);
		// a source never indexed is built
		expect(await refreshSearchAtStart(database.db, [{ ...source(1), name: 'test-start-new' }])).toEqual(['test-start-new']);
	});

	it('ranks a very common word among a bounded set, says so, and never crowds out a rare word next to it', async () => {
		const many: SearchSource = {
			name: 'test-many',
			version: 1,
			label: { de: 'Test', en: 'Test' },
			documents: async () => [
				...Array.from({ length: SEARCH_CANDIDATES + 50 }, (_, i) => ({ ref: `q${i}`, locale: 'de' as const, title: `Quallenkonzert ${i}`, summary: 'Musik am Meer', body: '', url: `/q/${i}` })),
				{ ref: 'special', locale: 'de' as const, title: 'Quallenkonzert Sondervorstellung Seepferdchen', summary: 'Einmalig', body: '', url: '/q/special' }
			]
		};
		await reindexSearch(database.db, [many]);
		try {
			const common = await search(database.db, { q: 'Quallenkonzert', locale: 'de', page: 1 });
			expect(common.capped).toBe(true);
			expect(common.total).toBe(SEARCH_CANDIDATES);
			expect(common.hits).toHaveLength(20);
			const rare = await search(database.db, { q: 'Quallenkonzert Seepferdchen', locale: 'de', page: 1 });
			expect(rare.hits[0].url).toBe('/q/special');
			// a word of the usual kind is not capped
			expect((await search(database.db, { q: 'Leitziel', locale: 'de', page: 1 })).capped).toBe(false);
		} finally {
			await reindexSearch(database.db, [{ ...many, documents: async () => [] }]);
		}
	});
});
