import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { pick } from '#lib/i18n/localized.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listActiveCategories } from '#lib/features/reports/server/categories.ts';
import { PAGE_SIZE, readPublicFilter } from '#lib/features/reports/server/filters.ts';
import { LISTED_MUNICIPALITIES, municipalityChoice } from '#lib/features/region/choice.ts';
import { presentPublicReport } from '#lib/features/reports/server/presenter.ts';
import { listPublicReports } from '#lib/features/reports/server/service.ts';

export const load = async ({ url, locals }) => {
	const { filter, chosen, municipality } = await readPublicFilter(db(), url.searchParams);
	const [page, categories, municipalities, attributions] = await Promise.all([
		listPublicReports(db(), { ...filter, limit: PAGE_SIZE }),
		listActiveCategories(db()),
		regionQueries.listMunicipalityNames(db(), LISTED_MUNICIPALITIES + 1),
		regionQueries.boundaryAttributions(db())
	]);
	const query = new URLSearchParams(Object.entries(chosen).filter(([, v]) => v));
	return {
		reports: page.items.map((r) => presentPublicReport(r, locals.locale)),
		next: page.nextBeforeId ? `?${new URLSearchParams([...query, ['vor', String(page.nextBeforeId)]])}` : null,
		paged: filter.beforeId !== undefined,
		query: query.toString(),
		chosen,
		categories: categories.filter((c) => c.category.isPublic).map(({ category }) => ({ code: category.code, name: pick(category.name, locals.locale) })),
		municipality: municipalityChoice(municipalities, municipality, url.searchParams.get('kommune')),
		map: mapConfig(attributions)
	};
};
