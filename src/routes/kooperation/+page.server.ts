import { db } from '#lib/server/runtime.ts';
import { cockpit, measureChoices } from '#lib/features/cooperation/server/service.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';
import { indicatorsWithValues } from '#lib/features/cooperation/server/service.ts';

/** The public cockpit: only public measures, whoever looks. */
export const load = async ({ url }) => {
	const choices = await measureChoices(db());
	const filter = readCockpitFilter(url, choices.municipalities);
	const data = await cockpit(db(), { visibility: 'public', ags: filter.ags, actionField: filter.actionField, status: filter.status });
	const indicators = await indicatorsWithValues(db(), { goalIds: choices.goals.map((g) => g.id) });
	const names = new Map(choices.municipalities.map((m) => [m.ags, m.name]));
	return {
		filter: { kommune: url.searchParams.get('kommune') ?? '', feld: filter.actionField ? String(filter.actionField) : '', status: filter.status ?? '', query: filter.query },
		municipalities: choices.municipalities.map((m) => ({ slug: m.slug, name: m.name })),
		fields: choices.fields.map((f) => ({ number: f.number, title: f.title })),
		total: data.total,
		budgetCents: data.budgetCents,
		grantedCents: data.grantedCents,
		byStatus: data.byStatus,
		shares: data.shares,
		sections: data.sections.map((s) => ({
			number: s.field.number,
			title: s.field.title,
			description: s.field.description,
			goals: s.goals.map((g) => ({ number: g.number, shortTitle: g.shortTitle, indicators: indicators.filter((i) => i.goalId === g.id) })),
			measureCount: s.measureCount,
			grantedCents: s.grantedCents,
			measures: s.measures.map((m) => ({ id: m.id, title: m.title, status: m.status, progress: m.progress, lighthouse: m.lighthouse, lead: names.get(m.leadAgs) ?? m.leadAgs })),
			milestones: s.milestones
		}))
	};
};
