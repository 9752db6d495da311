import { z } from 'zod';
import { NotFoundError } from '#lib/server/actor.ts';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import * as queries from './server/queries.ts';
import { municipalityFeature } from './server/presenter.ts';

const geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }).describe('GeoJSON-Geometrie, WGS 84 (EPSG:4326)');
export const municipalityFeatureSchema = z.object({
	type: z.literal('Feature'),
	id: z.string().describe('Amtlicher Gemeindeschlüssel (AGS)'),
	geometry,
	properties: z.object({
		ags: z.string().regex(/^\d{8}$/),
		slug: z.string(),
		name: z.string(),
		kind: z.string(),
		inhabitants: z.number().int(),
		inhabitantsDate: z.string().describe('Stichtag der Einwohnerzahl (ISO 8601)'),
		areaSqKm: z.number(),
		districts: z.array(z.string()).describe('Ortsteile'),
		website: z.string().nullable(),
		labelPoint: z.array(z.number()).length(2).nullable().describe('Ein Punkt im Gemeindegebiet für die Beschriftung [lon, lat]'),
		url: z.string(),
		attribution: z.string().describe('Quellenvermerk der Grenzen')
	})
});

const agsParams = z.object({ ags: z.string().regex(/^\d{8}$/) });

export const listMunicipalitiesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/municipalities',
	operationId: 'listMunicipalities',
	summary: 'Mitgliedskommunen mit Gemeindegrenzen (GeoJSON FeatureCollection)',
	tags: ['Region'],
	query: pageQuery,
	response: z.object({ type: z.literal('FeatureCollection'), features: z.array(municipalityFeatureSchema), links: linksSchema }),
	responseType: 'application/geo+json',
	async handler({ query, url }) {
		const after = cursor.decode(z.object({ s: z.number().int() }), query.cursor);
		const rows = await queries.listMunicipalities(db(), { withBoundary: true, afterSortOrder: after?.s, limit: query.limit + 1 });
		const page = rows.slice(0, query.limit);
		const districts = await queries.listDistricts(db());
		return {
			type: 'FeatureCollection' as const,
			features: page.map((r) => municipalityFeature(r, districts, 'de', url.origin)),
			links: nextLink(url, rows.length > query.limit ? { s: page[page.length - 1].sortOrder } : undefined)
		};
	}
});

export const getMunicipalityEndpoint = defineEndpoint({
	method: 'GET',
	path: '/municipalities/{ags}',
	operationId: 'getMunicipality',
	summary: 'Eine Mitgliedskommune mit Gemeindegrenze (GeoJSON Feature)',
	tags: ['Region'],
	params: agsParams,
	query: z.object({}),
	response: municipalityFeatureSchema,
	responseType: 'application/geo+json',
	async handler({ params, url }) {
		const row = await queries.findMunicipality(db(), { ags: params.ags });
		if (!row) throw new NotFoundError(`Keine Mitgliedskommune mit dem AGS ${params.ags}.`);
		return municipalityFeature(row, await queries.listDistricts(db(), row.id), 'de', url.origin);
	}
});
