import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { presentMunicipality } from '#lib/features/region/server/presenter.ts';
import { getLeitbild } from '#lib/features/leitbild/server/service.ts';
import { listOccurrences } from '#lib/features/events/server/queries.ts';
import { presentOccurrence } from '#lib/features/events/server/presenter.ts';
import { listPublished } from '#lib/features/news/server/queries.ts';
import { presentNews } from '#lib/features/news/server/presenter.ts';
import { placeCounts } from '#lib/features/places/server/queries.ts';

export const load = async ({ locals }) => {
	const [region, rows, districts, leitbild, attributions, upcoming, latest, categories] = await Promise.all([
		regionQueries.findRegion(db()),
		regionQueries.listMunicipalities(db()),
		regionQueries.listDistricts(db()),
		getLeitbild(db()),
		regionQueries.boundaryAttributions(db()),
		listOccurrences(db(), {}, { from: new Date() }, 6),
		listPublished(db(), {}, new Date(), 3),
		placeCounts(db())
	]);
	const municipalities = rows.map((r) => presentMunicipality(r, districts, locals.locale));
	return {
		tagline: region?.tagline,
		description: region?.description,
		municipalities,
		map: mapConfig(attributions),
		leitbild: leitbild && { preamble: leitbild.content.preamble, actionFields: leitbild.content.actionFields },
		events: upcoming.map(presentOccurrence),
		news: latest.map(presentNews),
		placeCategories: categories,
		totals: {
			inhabitants: municipalities.reduce((s, m) => s + m.inhabitants, 0),
			area: municipalities.reduce((s, m) => s + m.areaSqKm, 0)
		}
	};
};
