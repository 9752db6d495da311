import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { point4326 } from '../../../server/db/types.ts';
import { municipality } from '../../region/server/tables.ts';

/**
 * Gazetteer: addresses with their point (official Hauskoordinaten or an OpenStreetMap extract),
 * imported by an operator. Used to find a place by its address and to name the address nearest
 * to a point. `folded` is street, number and place in the search spelling (ß→ss, no accents).
 */
export const gazetteerAddress = pgTable(
	'gazetteer_address',
	{
		id: serial('id').primaryKey(),
		street: text('street').notNull(),
		houseNumber: text('house_number').notNull(),
		postcode: text('postcode'),
		locality: text('locality'),
		municipalityId: integer('municipality_id').references(() => municipality.id, { onDelete: 'cascade' }),
		point: point4326('point').notNull(),
		folded: text('folded').notNull(),
		source: text('source').notNull()
	},
	(t) => [index('gazetteer_address_point_idx').using('gist', t.point), index('gazetteer_address_folded_idx').using('gin', sql`${t.folded} gin_trgm_ops`)]
);
