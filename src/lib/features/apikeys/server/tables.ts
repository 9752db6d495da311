import { index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';

/**
 * API-Schlüssel of an outside client (a municipality's app, a partner's system) for the writing
 * interfaces (Open311 POST). Stored as SHA-256 only; the key is shown once when issued. Scoped
 * to one municipality, or to the whole region when `municipalityAgs` is null.
 */
export const apiKey = pgTable(
	'api_key',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		keyHash: text('key_hash').notNull(),
		/** The first characters, so that people can tell their keys apart. */
		prefix: text('prefix').notNull(),
		municipalityAgs: text('municipality_ags').references(() => municipality.ags, { onDelete: 'cascade', onUpdate: 'cascade' }),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('api_key_hash_key').on(t.keyHash), index('api_key_municipality_idx').on(t.municipalityAgs)]
);
