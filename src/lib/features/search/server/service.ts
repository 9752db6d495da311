import type { Db } from '#lib/server/db/client.ts';
import type { Locale } from '#lib/i18n/localized.ts';
import { foldGerman } from '../fold.ts';
import * as queries from './queries.ts';
import type { SearchDocumentInput, SearchSource } from './registry.ts';

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGES = 50;

/** Rebuilds the index of the given sources (after an import, or when their documents changed). */
export async function reindexSearch(db: Db, sources: SearchSource[]) {
	for (const source of sources) {
		const docs = await source.documents(db);
		await queries.replaceSourceDocuments(
			db,
			source.name,
			source.version,
			docs.map((d) => ({
				source: source.name,
				ref: d.ref,
				locale: d.locale,
				title: d.title,
				summary: d.summary,
				url: d.url,
				foldedTitle: foldGerman(d.title),
				foldedBody: foldGerman(`${d.summary} ${d.body}`)
			}))
		);
	}
}

/**
 * At start: rebuilds the sources whose documents changed with this version of the platform (or
 * were never indexed) and the small ones marked `rebuiltAtStart`; the others are kept current by
 * their domain on every write. Returns the names of the rebuilt sources.
 */
export async function refreshSearchAtStart(db: Db, sources: SearchSource[]) {
	const indexed = await queries.indexedVersions(db);
	const stale = sources.filter((s) => s.rebuiltAtStart || indexed.get(s.name) !== s.version);
	await reindexSearch(db, stale);
	return stale.map((s) => s.name);
}

const fold = (source: string, d: SearchDocumentInput): queries.FoldedDocument => ({
	source,
	ref: d.ref,
	locale: d.locale,
	title: d.title,
	summary: d.summary,
	url: d.url,
	foldedTitle: foldGerman(d.title),
	foldedBody: foldGerman(`${d.summary} ${d.body}`)
});

/**
 * Brings the index up to date for some things of a large source: `docs` are their documents now
 * (none for one that is no longer public).
 */
export async function updateSearchDocuments(db: Db, source: SearchSource, refs: string[], docs: SearchDocumentInput[]) {
	await queries.replaceDocuments(
		db,
		source.name,
		refs,
		docs.map((d) => fold(source.name, d))
	);
}

export async function search(db: Db, input: { q: string; locale: Locale; page: number }) {
	const folded = foldGerman(input.q).slice(0, 200);
	if (!folded) return { hits: [], total: 0, capped: false, page: 1, pages: 0 };
	const page = Math.min(Math.max(1, input.page), SEARCH_MAX_PAGES);
	const opts = { folded, locale: input.locale, limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE };
	let { rows, total, capped } = await queries.searchDocuments(db, opts);
	// "Ortsteil Fuchshain": when no document has every word, show those that have some of them
	if (total === 0 && /\s/.test(folded)) ({ rows, total, capped } = await queries.searchDocuments(db, { ...opts, anyWord: true }));
	return {
		hits: rows.map(({ source, title, summary, url }) => ({ source, title, summary, url })),
		total,
		/** More matches than were ranked: the page asks for a narrower search. */
		capped,
		page,
		pages: Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), SEARCH_MAX_PAGES)
	};
}
