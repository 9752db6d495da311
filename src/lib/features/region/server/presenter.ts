import { pick, type Locale } from '#lib/i18n/localized.ts';
import type { Contact } from './tables.ts';
import type { listDistricts, listMunicipalities } from './queries.ts';

type MunicipalityRow = Awaited<ReturnType<typeof listMunicipalities>>[number];
type DistrictRow = Awaited<ReturnType<typeof listDistricts>>[number];

/** Official contact data of an authority is public by law (Impressum); nothing personal is kept here. */
function publicContact(c: Contact) {
	const { name, street, postcode, city, phone, email, website } = c;
	return { name, street, postcode, city, phone, email, website };
}

/** The one shape a municipality leaves the server in (pages, API, open data). */
export function presentMunicipality(row: MunicipalityRow, districts: DistrictRow[], locale: Locale) {
	return {
		slug: row.slug,
		ags: row.ags,
		name: row.name,
		kind: row.kind,
		inhabitants: row.inhabitants,
		inhabitantsDate: row.inhabitantsDate,
		areaSqKm: Number(row.areaSqKm),
		description: pick(row.description, locale),
		districts: districts.filter((d) => d.municipalityId === row.id).map((d) => ({ name: d.name, note: d.note ?? undefined })),
		contact: publicContact(row.contact),
		impressumContact: publicContact(row.impressumContact),
		privacyContact: publicContact(row.privacyContact),
		boundarySource: row.boundarySource,
		updatedAt: row.updatedAt.toISOString()
	};
}
export type PublicMunicipality = ReturnType<typeof presentMunicipality>;

/** GeoJSON Feature with the boundary; properties are the public fields for the API. */
export function municipalityFeature(row: MunicipalityRow, districts: DistrictRow[], locale: Locale, baseUrl: string) {
	const m = presentMunicipality(row, districts, locale);
	return {
		type: 'Feature' as const,
		id: m.ags,
		geometry: row.boundary ? JSON.parse(row.boundary) : null,
		properties: {
			ags: m.ags,
			slug: m.slug,
			name: m.name,
			kind: m.kind,
			inhabitants: m.inhabitants,
			inhabitantsDate: m.inhabitantsDate,
			areaSqKm: m.areaSqKm,
			districts: m.districts.map((d) => d.name),
			website: m.contact.website ?? null,
			labelPoint: row.labelPoint ? (JSON.parse(row.labelPoint) as GeoJSON.Point).coordinates : null,
			url: `${baseUrl}/kommunen/${m.slug}`,
			attribution: m.boundarySource
		}
	};
}
