import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { presentMunicipality } from '#lib/features/region/server/presenter.ts';
import { listOccurrences } from '#lib/features/events/server/queries.ts';
import { presentOccurrence } from '#lib/features/events/server/presenter.ts';
import { listPublished } from '#lib/features/news/server/queries.ts';
import { presentNews } from '#lib/features/news/server/presenter.ts';

export const load = async ({ params, locals }) => {
	const row = await regionQueries.findMunicipality(db(), { slug: params.slug });
	if (!row) error(404, 'Nicht gefunden');
	const [districts, attributions, upcoming, latest] = await Promise.all([
		regionQueries.listDistricts(db(), row.id),
		regionQueries.boundaryAttributions(db()),
		listOccurrences(db(), { ags: row.ags }, { from: new Date() }, 5),
		listPublished(db(), { ags: row.ags }, new Date(), 3)
	]);
	return {
		municipality: presentMunicipality(row, districts, locals.locale),
		map: mapConfig(attributions),
		events: upcoming.map(presentOccurrence),
		news: latest.map(presentNews)
	};
};
