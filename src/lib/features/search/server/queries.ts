import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, transaction, type Db } from '#lib/server/db/client.ts';
import { searchDocument, searchSourceState } from './tables.ts';

export type FoldedDocument = {
	source: string;
	ref: string;
	locale: string;
	title: string;
	summary: string;
	url: string;
	foldedTitle: string;
	foldedBody: string;
};

/** Replaces all documents of one source in one transaction, and notes the version they are of. */
export async function replaceSourceDocuments(db: Db, source: string, version: number, docs: FoldedDocument[]) {
	await db.transaction(async (tx) => {
		await tx.delete(searchDocument).where(eq(searchDocument.source, source));
		for (let i = 0; i < docs.length; i += 500) await tx.insert(searchDocument).values(docs.slice(i, i + 500));
		await tx
			.insert(searchSourceState)
			.values({ source, version })
			.onConflictDoUpdate({ target: searchSourceState.source, set: { version, indexedAt: sql`now()` } });
	});
}

export async function indexedVersions(db: Db) {
	return new Map((await db.select().from(searchSourceState)).map((r) => [r.source, r.version]));
}

/** Replaces the documents of some things of a source (one changed event among thousands). */
export async function replaceDocuments(db: Db, source: string, refs: string[], docs: FoldedDocument[]) {
	if (!refs.length) return;
	await db.delete(searchDocument).where(and(eq(searchDocument.source, source), inArray(searchDocument.ref, refs)));
	for (let i = 0; i < docs.length; i += 500) await db.insert(searchDocument).values(docs.slice(i, i + 500));
}

/** Documents ranked per search at most from each kind of match: beyond, the search says "more than". */
export const SEARCH_CANDIDATES = 5000;

/**
 * Full-text match (german configuration on folded text) or, for misspellings, trigram word
 * similarity against the folded title. Ranked by both, plus the similarity of the whole title to
 * the query, so that a title that is the query beats a long one that contains it ("Naunof": the
 * page "Naunhof" before an idea about the station in Naunhof).
 *
 * A word in half of all documents ("Veranstaltung" in a national calendar) would have every
 * match ranked. So at most SEARCH_CANDIDATES full-text matches and as many similar titles are
 * ranked – each through its index (`<%` is word_similarity above the session's threshold and,
 * unlike the function, uses the title's trigram index) – and `capped` tells the page to say
 * "more than" and ask for a narrower search. The full-text matches come first: a rare word next
 * to a common one ("Veranstaltung 4711") is never crowded out by merely similar titles.
 */
export async function searchDocuments(db: Db, opts: { folded: string; locale: string; limit: number; offset: number; anyWord?: boolean }) {
	// all words (web search syntax), or, as a fallback, any of the words
	const words = opts.folded.match(/[\p{L}\p{N}]+/gu) ?? [];
	const q = opts.anyWord
		? sql`to_tsquery('german'::regconfig, ${words.join(' | ')})`
		: sql`websearch_to_tsquery('german'::regconfig, ${opts.folded})`;
	const similarity = sql<number>`word_similarity(${opts.folded}, ${searchDocument.foldedTitle})`;
	const candidates = sql`(select id from search_document where locale = ${opts.locale} and vector @@ ${q} limit ${SEARCH_CANDIDATES})
		union (select id from search_document where locale = ${opts.locale} and ${opts.folded} <% folded_title limit ${SEARCH_CANDIDATES})`;
	return transaction(db, async (tx) => {
		await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4999', true)`);
		const rows = await tx
			.select({
				source: searchDocument.source,
				title: searchDocument.title,
				summary: searchDocument.summary,
				url: searchDocument.url,
				rank: sql<number>`ts_rank(${searchDocument.vector}, ${q}) + ${similarity} + similarity(${opts.folded}, ${searchDocument.foldedTitle})`
			})
			.from(searchDocument)
			.where(sql`${searchDocument.id} in (${candidates})`)
			.orderBy(sql`5 desc`, searchDocument.id)
			.limit(opts.limit)
			.offset(opts.offset);
		const [{ total, fts, similar }] = await queryRows<{ total: number; fts: number; similar: number }>(
			tx,
			sql`select count(*)::int as total,
				(select count(*)::int from (select 1 from search_document where locale = ${opts.locale} and vector @@ ${q} limit ${SEARCH_CANDIDATES}) f) as fts,
				(select count(*)::int from (select 1 from search_document where locale = ${opts.locale} and ${opts.folded} <% folded_title limit ${SEARCH_CANDIDATES}) s) as similar
			from (${candidates}) c`
		);
		const capped = fts >= SEARCH_CANDIDATES || similar >= SEARCH_CANDIDATES;
		// capped: at least this many match (the union of the two kinds says nothing more exact)
		return { rows, total: capped ? SEARCH_CANDIDATES : total, capped };
	});
}
