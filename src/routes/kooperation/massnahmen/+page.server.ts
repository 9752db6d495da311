import { db } from '#lib/server/runtime.ts';
import { listMeasures, measureChoices } from '#lib/features/cooperation/server/service.ts';
import { countMeasuresByStatus } from '#lib/features/cooperation/server/queries.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';

const PAGE = 30;

/** All public measures of a selection, in pages (keyset by number). */
export const load = async ({ url }) => {
	const choices = await measureChoices(db());
	const filter = readCockpitFilter(url, choices.municipalities);
	const after = Number(url.searchParams.get('nach') ?? '');
	const f = { visibility: 'public' as const, ags: filter.ags, actionField: filter.actionField, status: filter.status };
	const rows = await listMeasures(db(), { ...f, afterId: Number.isSafeInteger(after) && after > 0 ? after : undefined, limit: PAGE + 1 });
	const page = rows.slice(0, PAGE);
	const names = new Map(choices.municipalities.map((m) => [m.ags, m.name]));
	const counts = await countMeasuresByStatus(db(), f);
	const next = new URLSearchParams(filter.query);
	if (rows.length > PAGE) next.set('nach', String(page[page.length - 1].measure.id));
	return {
		filter: { kommune: url.searchParams.get('kommune') ?? '', feld: filter.actionField ? String(filter.actionField) : '', status: filter.status ?? '', query: filter.query },
		municipalities: choices.municipalities.map((m) => ({ slug: m.slug, name: m.name })),
		fields: choices.fields.map((f) => ({ number: f.number, title: f.title })),
		total: counts.reduce((s, c) => s + c.n, 0),
		measures: page.map((m) => ({ id: m.measure.id, title: m.measure.title, status: m.measure.status, progress: m.progress, lighthouse: m.measure.lighthouse, lead: names.get(m.measure.leadAgs) ?? m.measure.leadAgs })),
		next: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(url.searchParams.get('nach'))
	};
};
