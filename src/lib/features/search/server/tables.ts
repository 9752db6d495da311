import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tsvector } from '../../../server/db/types.ts';

/**
 * One row per public thing that can be found at /suche, written by the domain that owns it
 * (see search/server/registry.ts). `folded_*` hold the text after German folding (ß, umlauts,
 * "oe"), so that "Grosspoesna" and "Großpösna" meet; the vector uses the german configuration.
 */
export const searchDocument = pgTable(
	'search_document',
	{
		id: serial('id').primaryKey(),
		source: text('source').notNull(),
		ref: text('ref').notNull(),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		url: text('url').notNull(),
		foldedTitle: text('folded_title').notNull(),
		foldedBody: text('folded_body').notNull(),
		vector: tsvector('vector')
			.notNull()
			.generatedAlwaysAs(
				sql`setweight(to_tsvector('german'::regconfig, folded_title), 'A') || setweight(to_tsvector('german'::regconfig, folded_body), 'B')`
			),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('search_document_key').on(t.source, t.ref, t.locale),
		index('search_document_vector_idx').using('gin', t.vector),
		index('search_document_title_trgm_idx').using('gin', sql`${t.foldedTitle} gin_trgm_ops`),
		index('search_document_locale_idx').on(t.locale)
	]
);

/**
 * Which version of each source's documents the index holds. A start rebuilds only the sources
 * whose version changed (a national index has hundreds of thousands of documents: rebuilding all
 * at every start of every process took minutes).
 */
export const searchSourceState = pgTable('search_source_state', {
	source: text('source').primaryKey(),
	version: integer('version').notNull(),
	indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow()
});
