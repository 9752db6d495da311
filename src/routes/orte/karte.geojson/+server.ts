import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { placePoints } from '#lib/features/places/server/queries.ts';
import { readPlaceFilter } from '#lib/features/places/filters.ts';

/** The points of the list's selection for the map (id, name, link); `nur`: one place. */
export const GET = async ({ url }) => {
	const { filter } = readPlaceFilter(url, await regionQueries.findMunicipalityNamed(db(), url.searchParams.get('kommune')));
	const only = /^\d{1,9}$/.test(url.searchParams.get('nur') ?? '') ? Number(url.searchParams.get('nur')) : undefined;
	const features = [];
	let afterId = 0;
	for (;;) {
		const page = await placePoints(db(), { ...filter, id: only }, 1000, afterId);
		for (const p of page) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, url: `/orte/${p.id}`, title: p.name } });
		if (page.length < 1000 || features.length >= 10_000) break;
		afterId = page[page.length - 1].id;
	}
	return new Response(JSON.stringify({ type: 'FeatureCollection', features }), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=60' } });
};
