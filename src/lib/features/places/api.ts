import { z } from 'zod';
import { cursor, defineEndpoint, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { placeCategoryKeys, type PlaceCategory } from './categories.ts';
import { listPlaces } from './server/queries.ts';
import { presentPlace } from './server/presenter.ts';

export const listPlacesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/places',
	operationId: 'listPlaces',
	summary: 'Orte der Region als GeoJSON (Punkte), mit Öffnungszeiten im OpenStreetMap-Format',
	tags: ['Orte'],
	query: pageQuery.extend({
		municipality: z.string().regex(/^\d{8}$/).optional().describe('Amtlicher Gemeindeschlüssel'),
		category: z.enum(placeCategoryKeys as [string, ...string[]]).optional()
	}),
	response: z.object({
		type: z.literal('FeatureCollection'),
		features: z.array(
			z.object({
				type: z.literal('Feature'),
				geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
				properties: z.object({
					id: z.number().int(),
					name: z.string(),
					category: z.string(),
					address: z.string().nullable(),
					municipality: z.string().describe('AGS'),
					openingHours: z.string().nullable().describe('OpenStreetMap opening_hours'),
					stepFree: z.boolean(),
					toilet: z.boolean(),
					parking: z.boolean(),
					website: z.string().nullable(),
					url: z.string()
				})
			})
		),
		links: z.object({ self: z.string(), next: z.string().optional() })
	}),
	handler: async ({ query, url }) => {
		const after = cursor.decode(z.object({ name: z.string(), id: z.number().int() }), query.cursor);
		const rows = await listPlaces(db(), { ags: query.municipality, category: query.category as PlaceCategory | undefined }, query.limit + 1, after);
		const page = rows.slice(0, query.limit).map(presentPlace);
		const last = rows.length > query.limit ? rows[query.limit - 1].place : undefined;
		return {
			type: 'FeatureCollection' as const,
			features: page.map((p) => ({
				type: 'Feature' as const,
				geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
				properties: { id: p.id, name: p.name, category: p.category, address: p.address, municipality: p.municipalityAgs, openingHours: p.openingHours, stepFree: p.stepFree, toilet: p.toilet, parking: p.parking, website: p.website, url: `${url.origin}/orte/${p.id}` }
			})),
			links: nextLink(url, last ? { name: last.name, id: last.id } : undefined)
		};
	}
});
