import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listPlaces } from '#lib/features/places/server/queries.ts';
import { readPlaceFilter } from '#lib/features/places/filters.ts';
import { readMunicipalityChoice } from '#lib/features/region/server/choice.ts';
import { presentPlace } from '#lib/features/places/server/presenter.ts';

const PAGE = 30;

/** The places of the region: map and list with the same selection (category, municipality), keyset pages. */
export const load = async ({ url }) => {
	const { municipality, choice } = await readMunicipalityChoice(db(), url.searchParams.get('kommune'));
	const f = readPlaceFilter(url, municipality);
	const cursor = /^(\d+)_(.{1,200})$/.exec(url.searchParams.get('nach') ?? '');
	const rows = await listPlaces(db(), f.filter, PAGE + 1, cursor ? { id: Number(cursor[1]), name: cursor[2] } : undefined);
	const page = rows.slice(0, PAGE);
	const last = page.at(-1)?.place;
	const next = new URLSearchParams(f.query);
	if (last) next.set('nach', `${last.id}_${last.name}`);
	return {
		municipality: choice,
		form: f.form,
		query: f.query,
		places: page.map(presentPlace),
		next: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(cursor),
		map: mapConfig(await regionQueries.boundaryAttributions(db()))
	};
};
