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
import { municipalityPage } from '#lib/features/region/server/service.ts';

/** Members named beside the map; a national installation links to its full list instead. */
const LISTED = 12;

export const load = async ({ locals }) => {
	const [region, members, leitbild, attributions, upcoming, latest, categories] = await Promise.all([
		regionQueries.findRegion(db()),
		municipalityPage(db(), '1', LISTED),
		getLeitbild(db()),
		regionQueries.boundaryAttributions(db()),
		listOccurrences(db(), {}, { from: new Date() }, 6),
		listPublished(db(), {}, new Date(), 3),
		placeCounts(db())
	]);
	const municipalities = members.rows.map((r) => presentMunicipality(r, members.districts, locals.locale));
	return {
		tagline: region?.tagline,
		description: region?.description,
		municipalities,
		map: mapConfig(attributions),
		leitbild: leitbild && { preamble: leitbild.content.preamble, actionFields: leitbild.content.actionFields },
		events: upcoming.map(presentOccurrence),
		news: latest.map(presentNews),
		placeCategories: categories,
		totals: { count: members.totals.count, inhabitants: members.totals.inhabitants, area: members.totals.areaSqKm }
	};
};
