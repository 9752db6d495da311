import { boolean, index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { point4326 } from '../../../server/db/types.ts';
import { municipality } from '../../region/server/tables.ts';
import type { PlaceCategory } from '../categories.ts';

/** Ort: a place worth knowing in the region, with its opening hours in OpenStreetMap syntax. */
export const place = pgTable(
	'place',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		/** Safe Markdown subset. */
		description: text('description').notNull(),
		category: text('category').$type<PlaceCategory>().notNull(),
		point: point4326('point').notNull(),
		address: text('address'),
		/** From the point, by the municipalities' boundaries. */
		municipalityAgs: text('municipality_ags')
			.notNull()
			.references(() => municipality.ags),
		openingHours: text('opening_hours'),
		stepFree: boolean('step_free').notNull().default(false),
		toilet: boolean('toilet').notNull().default(false),
		parking: boolean('parking').notNull().default(false),
		contact: text('contact'),
		website: text('website'),
		imageKey: text('image_key'),
		thumbKey: text('thumb_key'),
		imageAlt: text('image_alt'),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('place_point_idx').using('gist', t.point), index('place_filter_idx').on(t.category, t.municipalityAgs, t.name)]
);
