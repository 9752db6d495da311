import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { cooperationPolicy } from '#lib/features/cooperation/server/policy.ts';
import { CooperationError, createIndicator, indicatorsWithValues, measureChoices, recordIndicatorValue } from '#lib/features/cooperation/server/service.ts';
import { indicatorFormFields, indicatorFormSchema, indicatorValueFormFields, indicatorValueFormSchema } from '#lib/features/cooperation/schemas.ts';
import { refuse } from '#lib/features/cooperation/server/web.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

function requireKeeper(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!cooperationPolicy.manageGoalIndicators(actor)) error(403, 'Die Indikatoren der Leitziele pflegt die Koordinierungsstelle.');
	return actor;
}

/** Indicators of the Leitziele: the cooperation's own measure of success, kept by the coordination office. */
export const load = async ({ locals, url }) => {
	requireKeeper(locals, url);
	const choices = await measureChoices(db());
	const indicators = await indicatorsWithValues(db(), { goalIds: choices.goals.map((g) => g.id) });
	return {
		goals: choices.goals.map((g) => ({ id: g.id, number: g.number, title: g.shortTitle.de, indicators: indicators.filter((i) => i.goalId === g.id) }))
	};
};

export const actions = {
	addIndicator: async ({ locals, url, request }) => {
		const actor = requireKeeper(locals, url);
		const data = await request.formData();
		const form = parseForm(indicatorFormSchema, data, [...indicatorFormFields, 'goal']);
		if (!form.ok) return fail(400, { action: 'addIndicator', target: '', values: form.values, errors: form.errors });
		try {
			await createIndicator(db(), actor, { goalId: Number(form.values.goal) || -1 }, form.data);
		} catch (e) {
			if (e instanceof CooperationError) return fail(400, { action: 'addIndicator', target: '', values: form.values, errors: { [e.field]: e.message as MessageKey } });
			refuse(e, 'Dieses Leitziel gibt es nicht.');
		}
		return { action: 'addIndicator', target: '', saved: true };
	},
	addValue: async ({ locals, url, request }) => {
		const actor = requireKeeper(locals, url);
		const data = await request.formData();
		const target = String(data.get('item') ?? '');
		const form = parseForm(indicatorValueFormSchema, data, indicatorValueFormFields);
		if (!form.ok) return fail(400, { action: 'addValue', target, values: form.values, errors: form.errors });
		try {
			await recordIndicatorValue(db(), actor, /^\d{1,9}$/.test(target) ? Number(target) : -1, form.data);
		} catch (e) {
			refuse(e, 'Diesen Indikator gibt es nicht.');
		}
		return { action: 'addValue', target, saved: true };
	}
};
