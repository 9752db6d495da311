import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { multiPolygon4326 } from '../../../server/db/types.ts';
import type { Localized } from '../../../i18n/localized.ts';

/** The cooperation itself (one row): name, identity and where its definition came from. */
export const region = pgTable('region', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	shortName: text('short_name').notNull(),
	tagline: jsonb('tagline').$type<Localized>().notNull(),
	description: jsonb('description').$type<Localized>().notNull(),
	colours: jsonb('colours').$type<Record<string, string>>().notNull(),
	coordinationOffice: jsonb('coordination_office').$type<Contact>().notNull(),
	dataLicence: text('data_licence').notNull(),
	sourceFileHash: text('source_file_hash').notNull(),
	importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow()
});

/** Kommune/Gemeinde: a member municipality with its official boundary. */
export const municipality = pgTable(
	'municipality',
	{
		id: serial('id').primaryKey(),
		slug: text('slug').notNull(),
		ags: text('ags').notNull(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		inhabitants: integer('inhabitants').notNull(),
		inhabitantsDate: date('inhabitants_date').notNull(),
		areaSqKm: numeric('area_sq_km', { precision: 8, scale: 2 }).notNull(),
		sortOrder: integer('sort_order').notNull(),
		description: jsonb('description').$type<Localized>().notNull(),
		contact: jsonb('contact').$type<Contact>().notNull(),
		impressumContact: jsonb('impressum_contact').$type<Contact>().notNull(),
		privacyContact: jsonb('privacy_contact').$type<Contact>().notNull(),
		/** Funktionspostfach: where new Anliegen of this municipality are announced. */
		reportsMailbox: text('reports_mailbox'),
		/** Whether the mailbox also gets a morning summary of the previous day's reports. */
		reportsDigest: boolean('reports_digest').notNull().default(false),
		boundary: multiPolygon4326('boundary').notNull(),
		boundarySource: text('boundary_source').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('municipality_slug_key').on(t.slug),
		uniqueIndex('municipality_ags_key').on(t.ags),
		index('municipality_boundary_idx').using('gist', t.boundary),
		// lists and the API's pages go in this order (a national installation has 11,000 members)
		index('municipality_sort_idx').on(t.sortOrder),
		// a filter's typed name (findMunicipalityNamed) at national scale
		index('municipality_name_lower_idx').on(sql`lower(${t.name})`),
		// the maps' attribution reads the distinct sources on every page with a map
		index('municipality_boundary_source_idx').on(t.boundarySource)
	]
);

/** Ortsteil: a district of a municipality. */
export const district = pgTable(
	'district',
	{
		id: serial('id').primaryKey(),
		municipalityId: integer('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		note: text('note'),
		sortOrder: integer('sort_order').notNull()
	},
	(t) => [uniqueIndex('district_municipality_name_key').on(t.municipalityId, t.name), index('district_name_idx').on(sql`lower(${t.name})`)]
);

export type Contact = {
	name?: string;
	street?: string;
	postcode?: string;
	city?: string;
	phone?: string;
	email?: string;
	website?: string;
};

/**
 * Every municipality of Germany (BKG VG250), only to say where a point outside the region lies
 * ("Brandis, Landkreis Leipzig"). Loaded by `npm run region:reference`; optional.
 */
export const referenceMunicipality = pgTable(
	'reference_municipality',
	{
		ags: text('ags').primaryKey(),
		name: text('name').notNull(),
		district: text('district'),
		boundary: multiPolygon4326('boundary').notNull()
	},
	(t) => [index('reference_municipality_boundary_idx').using('gist', t.boundary)]
);
