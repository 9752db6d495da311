import { db } from '#lib/server/runtime.ts';
import { listMeasures } from '#lib/features/cooperation/server/service.ts';
import { countMeasuresByStatus, listFieldsAndGoals } from '#lib/features/cooperation/server/queries.ts';
import { municipalityNamesOf } from '#lib/features/region/server/queries.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';
import { readMunicipalityChoice } from '#lib/features/region/server/choice.ts';

const PAGE = 30;

/** All public measures of a selection, in pages (keyset by number). */
export const load = async ({ url }) => {
	const [{ municipality, choice }, { fields }] = await Promise.all([readMunicipalityChoice(db(), url.searchParams.get('kommune')), listFieldsAndGoals(db())]);
	const filter = readCockpitFilter(url, municipality);
	const after = Number(url.searchParams.get('nach') ?? '');
	const f = { visibility: 'public' as const, ags: filter.ags, actionField: filter.actionField, status: filter.status };
	const rows = await listMeasures(db(), { ...f, afterId: Number.isSafeInteger(after) && after > 0 ? after : undefined, limit: PAGE + 1 });
	const page = rows.slice(0, PAGE);
	const [names, counts] = await Promise.all([municipalityNamesOf(db(), page.map((m) => m.measure.leadAgs)), countMeasuresByStatus(db(), f)]);
	const nameOf = new Map(names.map((m) => [m.ags, m.name]));
	const next = new URLSearchParams(filter.query);
	if (rows.length > PAGE) next.set('nach', String(page[page.length - 1].measure.id));
	return {
		filter: { feld: filter.actionField ? String(filter.actionField) : '', status: filter.status ?? '', query: filter.query },
		municipality: choice,
		fields: fields.map((f) => ({ number: f.number, title: f.title })),
		total: counts.reduce((s, c) => s + c.n, 0),
		measures: page.map((m) => ({ id: m.measure.id, title: m.measure.title, status: m.measure.status, progress: m.progress, lighthouse: m.measure.lighthouse, lead: nameOf.get(m.measure.leadAgs) ?? m.measure.leadAgs })),
		next: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(url.searchParams.get('nach'))
	};
};
