import { isPlaceCategory, type PlaceCategory } from './categories.ts';
import { checkOpeningHours, OpeningHoursError } from './opening-hours.ts';

export type PlaceInput = {
	name: string;
	description: string;
	category: PlaceCategory;
	point: { lon: number; lat: number };
	address: string | null;
	openingHours: string | null;
	stepFree: boolean;
	toilet: boolean;
	parking: boolean;
	contact: string | null;
	website: string | null;
	imageAlt: string | null;
};

const text = (v: string | undefined, max: number) => (v ?? '').trim().slice(0, max) || null;

/** Reads the place form: German messages per field; opening hours are checked with the opening_hours library. */
export function readPlaceForm(v: Record<string, string>): { input: PlaceInput } | { errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const name = (v.name ?? '').trim();
	const description = (v.description ?? '').trim();
	if (name.length < 2 || name.length > 200) errors.name = 'Bitte geben Sie den Namen des Ortes an (2 bis 200 Zeichen).';
	if (description.length < 10 || description.length > 10_000) errors.description = 'Bitte beschreiben Sie den Ort (10 bis 10.000 Zeichen).';
	if (!isPlaceCategory(v.category ?? '')) errors.category = 'Bitte wählen Sie eine Kategorie.';
	const lat = Number(String(v.lat ?? '').replace(',', '.'));
	const lon = Number(String(v.lon ?? '').replace(',', '.'));
	if (!v.lat || !v.lon || !(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) errors.lat = 'Bitte geben Sie Breiten- und Längengrad des Ortes an (z. B. 51.2789 und 12.6433).';
	let openingHours: string | null = text(v.openingHours, 500);
	if (openingHours) {
		try {
			openingHours = checkOpeningHours(openingHours);
		} catch (e) {
			if (!(e instanceof OpeningHoursError)) throw e;
			errors.openingHours = `Die Öffnungszeiten sind nicht im OpenStreetMap-Format, z. B. „Mo-Fr 09:00-17:00; Sa 10:00-12:00; PH off“.${e.suggestion ? ` Gelesen als „${e.suggestion}“ – bitte prüfen und so eintragen.` : ''}`;
		}
	}
	const website = text(v.website, 500);
	if (website && !/^https?:\/\/\S+$/i.test(website)) errors.website = 'Bitte geben Sie die Website als Adresse an (https://…).';
	if (Object.keys(errors).length) return { errors };
	return {
		input: {
			name,
			description,
			category: v.category as PlaceCategory,
			point: { lat, lon },
			address: text(v.address, 300),
			openingHours,
			stepFree: v.stepFree === 'on',
			toilet: v.toilet === 'on',
			parking: v.parking === 'on',
			contact: text(v.contact, 300),
			website,
			imageAlt: text(v.imageAlt, 300)
		}
	};
}

/** A place as the form's strings. */
export function placeFormValues(p: { name: string; description: string; category: string; address: string | null; openingHours: string | null; stepFree: boolean; toilet: boolean; parking: boolean; contact: string | null; website: string | null; imageAlt: string | null }, point: { lat: number; lon: number }): Record<string, string> {
	const on = (b: boolean) => (b ? 'on' : '');
	return { name: p.name, description: p.description, category: p.category, address: p.address ?? '', lat: String(point.lat), lon: String(point.lon), openingHours: p.openingHours ?? '', stepFree: on(p.stepFree), toilet: on(p.toilet), parking: on(p.parking), contact: p.contact ?? '', website: p.website ?? '', imageAlt: p.imageAlt ?? '' };
}
