import type { Db } from '#lib/server/db/client.ts';
import type { Locale } from '#lib/i18n/localized.ts';

/** One findable public thing, in one language. */
export type SearchDocumentInput = {
	ref: string;
	locale: Locale;
	title: string;
	summary: string;
	body: string;
	url: string;
};

/**
 * A domain's contribution to /suche. Each domain declares one source in its index.ts; the
 * platform's domain list (src/lib/server/domains.ts) hands them to the search index, so a new
 * module plugs in without touching search code.
 */
export type SearchSource = {
	name: string;
	/** Label shown next to each hit, per locale. */
	label: Record<Locale, string>;
	documents(db: Db): Promise<SearchDocumentInput[]>;
	/**
	 * Raise it when the documents this source writes change (fields, text, URLs): the next start
	 * rebuilds the source. Without a change, a start leaves a source's documents as they are – the
	 * domain keeps them current on every write.
	 */
	version: number;
	/** A handful of documents that come from the code (fixed pages) or one row: rebuilt at every start, cheaply. */
	rebuiltAtStart?: boolean;
};
