import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Fixed-window counters for public writes; in the database so that all processes share them. */
export const rateLimit = pgTable(
	'rate_limit',
	{
		key: text('key').notNull(),
		windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
		hits: integer('hits').notNull()
	},
	(t) => [primaryKey({ columns: [t.key, t.windowStart] })]
);
