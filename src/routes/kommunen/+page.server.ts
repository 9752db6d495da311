import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { municipalityPage } from '#lib/features/region/server/service.ts';
import { presentMunicipality } from '#lib/features/region/server/presenter.ts';

export const load = async ({ locals, url }) => {
	const [{ rows, districts, totals, page, pages }, attributions] = await Promise.all([municipalityPage(db(), url.searchParams.get('seite')), regionQueries.boundaryAttributions(db())]);
	return { municipalities: rows.map((r) => presentMunicipality(r, districts, locals.locale)), totals, page, pages, map: mapConfig(attributions) };
};
