import type { Dataset, PersonalField } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import { listPlaces } from './queries.ts';
import { presentPlace } from './presenter.ts';

type PlaceRecord = ReturnType<typeof presentPlace> & { url: string };

export const placesDataset: Dataset<PlaceRecord, { name: string; id: number }> = {
	id: 'orte',
	title: { de: 'Orte für Freizeit, Kultur, Tourismus und Co-Working', en: 'Places for recreation, culture, tourism and co-working' },
	description: {
		de: 'Das Verzeichnis der Orte in der Region mit Kategorie, Adresse, Kommune, Lage, Öffnungszeiten im OpenStreetMap-Format und Angaben zur Barrierefreiheit.',
		en: 'The directory of places in the region with category, address, municipality, location, opening hours in OpenStreetMap syntax and accessibility.'
	},
	keywords: ['Orte', 'Freizeit', 'Kultur', 'Tourismus', 'Co-Working', 'Öffnungszeiten'],
	themes: ['EDUC', 'REGI'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Orts', value: (p) => p.id },
		{ name: 'name', description: 'Name', value: (p) => p.name },
		{ name: 'category', description: 'Kategorie', value: (p) => p.category },
		{ name: 'address', description: 'Adresse', value: (p) => p.address },
		{ name: 'municipality', description: 'AGS der Kommune', value: (p) => p.municipalityAgs },
		{ name: 'municipality_name', description: 'Kommune', value: (p) => p.municipality },
		{ name: 'lat', description: 'Breite (WGS 84)', value: (p) => p.lat },
		{ name: 'lon', description: 'Länge (WGS 84)', value: (p) => p.lon },
		{ name: 'opening_hours', description: 'Öffnungszeiten (OpenStreetMap opening_hours)', value: (p) => p.openingHours },
		{ name: 'step_free', description: 'Stufenlos zugänglich (true/false)', value: (p) => p.stepFree },
		{ name: 'toilet', description: 'Toilette (true/false)', value: (p) => p.toilet },
		{ name: 'parking', description: 'Parkplätze (true/false)', value: (p) => p.parking },
		{ name: 'website', description: 'Website', value: (p) => p.website },
		{ name: 'url', description: 'Seite des Orts', value: (p) => p.url }
	],
	async page(db, after, limit, origin) {
		const rows = await listPlaces(db, {}, limit + 1, after);
		return keysetPage(
			rows,
			limit,
			(r) => ({ ...presentPlace(r), url: `${origin}/orte/${r.place.id}` }),
			(r) => ({ name: r.place.name, id: r.place.id })
		);
	},
	geometry: (p) => ({ type: 'Point', coordinates: [p.lon, p.lat] }),
	modified: (db) => lastChange(db, 'place', 'updated_at')
};

/** A place's contact line is shown on its page only. */
export const placesPersonalFields: PersonalField[] = [{ table: 'place', column: 'contact' }];
