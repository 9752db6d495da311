import type { Geometry } from 'geojson';
import type { Dataset, PersonalField } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import * as queries from './queries.ts';

type MunicipalityRecord = {
	ags: string;
	name: string;
	kind: string;
	inhabitants: number;
	inhabitantsDate: string;
	areaSqKm: number;
	districts: string[];
	url: string;
	attribution: string;
	boundary: Geometry | null;
};

/**
 * The member municipalities with their official boundaries. The geometry is derived from BKG
 * data and keeps its licence; contacts are on the pages (the open data carries no addresses).
 */
export const municipalitiesDataset: Dataset<MunicipalityRecord, number> = {
	id: 'kommunen',
	title: { de: 'Mitgliedskommunen mit Gemeindegrenzen', en: 'Member municipalities with their boundaries' },
	description: {
		de: 'Die Mitgliedskommunen der Kooperation mit Amtlichem Gemeindeschlüssel, Einwohnerzahl mit Stichtag, Fläche, Ortsteilen und der Gemeindegrenze (GeoJSON, WGS 84).',
		en: 'The member municipalities of the cooperation with their official municipality key, population with reference date, area, districts and boundary (GeoJSON, WGS 84).'
	},
	keywords: ['Kommunen', 'Gemeindegrenzen', 'Einwohner', 'Ortsteile', 'AGS'],
	themes: ['REGI', 'GOVE'],
	licence: 'boundaries',
	columns: [
		{ name: 'ags', description: 'Amtlicher Gemeindeschlüssel', value: (m) => m.ags },
		{ name: 'name', description: 'Name', value: (m) => m.name },
		{ name: 'kind', description: 'Gemeinde, Stadt oder Markt', value: (m) => m.kind },
		{ name: 'inhabitants', description: 'Einwohnerzahl', value: (m) => m.inhabitants },
		{ name: 'inhabitants_date', description: 'Stichtag der Einwohnerzahl (JJJJ-MM-TT)', value: (m) => m.inhabitantsDate },
		{ name: 'area_sq_km', description: 'Fläche in km²', value: (m) => m.areaSqKm },
		{ name: 'districts', description: 'Ortsteile, durch Semikolon getrennt', value: (m) => m.districts.join(';') },
		{ name: 'url', description: 'Seite der Kommune', value: (m) => m.url },
		{ name: 'attribution', description: 'Quellenvermerk der Grenze', value: (m) => m.attribution }
	],
	async page(db, after, limit, origin) {
		const rows = await queries.listMunicipalities(db, { withBoundary: true, afterSortOrder: after, limit: limit + 1 });
		const districts = await queries.listDistricts(db);
		return keysetPage(
			rows,
			limit,
			(r) => ({
				ags: r.ags,
				name: r.name,
				kind: r.kind,
				inhabitants: r.inhabitants,
				inhabitantsDate: r.inhabitantsDate,
				areaSqKm: Number(r.areaSqKm),
				districts: districts.filter((d) => d.municipalityId === r.id).map((d) => d.name),
				url: `${origin}/kommunen/${r.slug}`,
				attribution: r.boundarySource,
				boundary: r.boundary ? (JSON.parse(r.boundary) as Geometry) : null
			}),
			(r) => r.sortOrder
		);
	},
	record: ({ boundary: _geometry, ...m }) => m,
	geometry: (m) => m.boundary,
	modified: (db) => lastChange(db, 'municipality', 'updated_at')
};

/** Mailboxes of the municipalities are addresses of offices, but the open data carries none. */
export const regionPersonalFields: PersonalField[] = [
	{ table: 'municipality', column: 'reports_mailbox' },
	{ table: 'municipality', column: "contact->>'email'" },
	{ table: 'municipality', column: "privacy_contact->>'email'" }
];
