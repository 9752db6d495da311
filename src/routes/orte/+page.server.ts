import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listPlaces } from '#lib/features/places/server/queries.ts';
import { readPlaceFilter } from '#lib/features/places/filters.ts';
import { municipalityChoice } from '#lib/features/region/choice.ts';
import { presentPlace } from '#lib/features/places/server/presenter.ts';

const PAGE = 30;

/** The places of the region: map and list with the same selection (category, municipality), keyset pages. */
export const load = async ({ url }) => {
	const municipalities = await regionQueries.listMunicipalityNames(db());
	const f = readPlaceFilter(url, municipalities);
	const cursor = /^(\d+)_(.{1,200})$/.exec(url.searchParams.get('nach') ?? '');
	const rows = await listPlaces(db(), f.filter, PAGE + 1, cursor ? { id: Number(cursor[1]), name: cursor[2] } : undefined);
	const page = rows.slice(0, PAGE);
	const last = page.at(-1)?.place;
	const next = new URLSearchParams(f.query);
	if (last) next.set('nach', `${last.id}_${last.name}`);
	return {
		municipality: municipalityChoice(municipalities, f.municipality, url.searchParams.get('kommune')),
		form: f.form,
		query: f.query,
		places: page.map(presentPlace),
		next: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(cursor),
		map: mapConfig(await regionQueries.boundaryAttributions(db()))
	};
};
