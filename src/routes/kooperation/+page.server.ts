import { db } from '#lib/server/runtime.ts';
import { cockpit, indicatorsWithValues } from '#lib/features/cooperation/server/service.ts';
import { listFieldsAndGoals } from '#lib/features/cooperation/server/queries.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';
import { readMunicipalityChoice } from '#lib/features/region/server/choice.ts';

/** The public cockpit: only public measures, whoever looks. */
export const load = async ({ url }) => {
	const [{ municipality, choice }, { fields, goals }] = await Promise.all([readMunicipalityChoice(db(), url.searchParams.get('kommune')), listFieldsAndGoals(db())]);
	const filter = readCockpitFilter(url, municipality);
	const data = await cockpit(db(), { visibility: 'public', ags: filter.ags, actionField: filter.actionField, status: filter.status });
	const indicators = await indicatorsWithValues(db(), { goalIds: goals.map((g) => g.id) });
	return {
		filter: { feld: filter.actionField ? String(filter.actionField) : '', status: filter.status ?? '', query: filter.query },
		municipality: choice,
		fields: fields.map((f) => ({ number: f.number, title: f.title })),
		total: data.total,
		budgetCents: data.budgetCents,
		grantedCents: data.grantedCents,
		byStatus: data.byStatus,
		shares: data.shares,
		otherShares: data.otherShares,
		sections: data.sections.map((s) => ({
			number: s.field.number,
			title: s.field.title,
			description: s.field.description,
			goals: s.goals.map((g) => ({ number: g.number, shortTitle: g.shortTitle, indicators: indicators.filter((i) => i.goalId === g.id) })),
			measureCount: s.measureCount,
			grantedCents: s.grantedCents,
			measures: s.measures.map((m) => ({ id: m.id, title: m.title, status: m.status, progress: m.progress, lighthouse: m.lighthouse, lead: m.leadName })),
			milestones: s.milestones
		}))
	};
};
