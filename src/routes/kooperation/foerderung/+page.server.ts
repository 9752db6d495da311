import { db } from '#lib/server/runtime.ts';
import { fundingOverview, listProgrammes, measureChoices } from '#lib/features/cooperation/server/service.ts';

/** Funding at a glance: public measures only; the programmes the cooperation watches. */
export const load = async () => {
	const [overview, programmes, choices] = await Promise.all([fundingOverview(db(), { visibility: 'public' }), listProgrammes(db(), { activeOnly: true }), measureChoices(db())]);
	const names = new Map(choices.municipalities.map((m) => [m.ags, m.name]));
	return {
		overview: { ...overview, byMunicipality: overview.byMunicipality.map((m) => ({ ...m, name: names.get(m.ags) ?? m.ags })) },
		fields: choices.fields.map((f) => ({ number: f.number, title: f.title })),
		programmes: programmes.map((p) => ({ id: p.id, name: p.name, funder: p.funder, rate: p.rateBasisPoints, max: p.maxAmountCents, deadlines: p.deadlines, link: p.link, actionFields: p.actionFields }))
	};
};
