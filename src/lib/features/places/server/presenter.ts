import type { PlaceRow } from './queries.ts';

/** A place for lists and the API: public fields only. */
export function presentPlace(row: { place: PlaceRow; lon: number; lat: number; municipalityName: string }) {
	const p = row.place;
	return {
		id: p.id,
		name: p.name,
		category: p.category,
		address: p.address,
		municipality: row.municipalityName,
		municipalityAgs: p.municipalityAgs,
		lon: row.lon,
		lat: row.lat,
		openingHours: p.openingHours,
		stepFree: p.stepFree,
		toilet: p.toilet,
		parking: p.parking,
		website: p.website
	};
}
