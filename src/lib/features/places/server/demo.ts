import type { Db } from '#lib/server/db/client.ts';
import { reindexSearch } from '../../search/server/service.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import type { PlaceCategory } from '../categories.ts';
import * as queries from './queries.ts';
import { placesSearchSource } from './service.ts';

type Demo = { name: string; description: string; category: PlaceCategory; lat: number; lon: number; address: string; openingHours?: string; stepFree?: boolean; toilet?: boolean; parking?: boolean };

const demo: Demo[] = [
	{ name: 'Rathaus Naunhof, Bürgerbüro', description: 'Pass, Ausweis, Meldewesen und Fundbüro.', category: 'rathaus', lat: 51.2778, lon: 12.5889, address: 'Markt 1, 04683 Naunhof', openingHours: 'Mo,We 09:00-12:00; Tu 09:00-12:00,13:00-18:00; Th 09:00-12:00,13:00-16:00; Fr 09:00-12:00; PH off', stepFree: true, toilet: true },
	{ name: 'Stadtbibliothek Brandis', description: 'Bücher, Zeitschriften, Spiele und ein Lesecafé.', category: 'bibliothek', lat: 51.3342, lon: 12.6107, address: 'Markt, 04821 Brandis', openingHours: 'Tu,Th 10:00-18:00; We,Fr 10:00-13:00; Sa 09:00-12:00; PH off', stepFree: true },
	{ name: 'Schlosspark Machern', description: 'Englischer Landschaftspark mit Ritterburg, Pyramide und altem Baumbestand.', category: 'natur', lat: 51.3636, lon: 12.6262, address: 'Schloßplatz, 04827 Machern', openingHours: '24/7', parking: true, toilet: true },
	{ name: 'Spielplatz am Parthe-Ufer', description: 'Kletterturm, Sandkasten und Wasserspiel für Kinder bis zwölf Jahre.', category: 'spielplatz', lat: 51.3455, lon: 12.5375, address: 'Parthenaue, 04451 Borsdorf', openingHours: 'Mo-Su 08:00-20:00' }
];

/** Example places (only into a directory without places); a point outside the members is skipped. */
export async function seedDemoPlaces(db: Db) {
	if ((await queries.countPlaces(db)) > 0) return 0;
	const ids: number[] = [];
	for (const d of demo) {
		const m = await findMunicipalityAt(db, d.lon, d.lat);
		if (!m) continue;
		const row = await queries.insertPlace(db, {
			name: d.name,
			description: d.description,
			category: d.category,
			point: { lon: d.lon, lat: d.lat },
			address: d.address,
			municipalityAgs: m.ags,
			openingHours: d.openingHours ?? null,
			stepFree: d.stepFree ?? false,
			toilet: d.toilet ?? false,
			parking: d.parking ?? false,
			contact: null,
			website: null
		});
		ids.push(row.id);
	}
	await queries.markDemo(db, ids);
	await reindexSearch(db, [placesSearchSource]);
	return ids.length;
}

export async function removeDemoPlaces(db: Db) {
	const removed = await queries.deleteDemo(db);
	await reindexSearch(db, [placesSearchSource]);
	return removed;
}
