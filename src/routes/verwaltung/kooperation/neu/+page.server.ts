import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { cooperationPolicy } from '#lib/features/cooperation/server/policy.ts';
import { CooperationError, createMeasure, measureChoices } from '#lib/features/cooperation/server/service.ts';
import { readMeasureForm } from '#lib/features/cooperation/form.ts';
import { refuse } from '#lib/features/cooperation/server/web.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

function allowed(actor: ReturnType<typeof requireStaff>) {
	const leads = cooperationPolicy.leadChoices(actor);
	if (leads !== 'all' && !leads.length) error(403, 'Neue Maßnahmen legen die Koordinierungsstelle und die Mitarbeitenden der Kommunen an.');
	return leads;
}

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const leads = allowed(actor);
	const choices = await measureChoices(db());
	return {
		choices: { municipalities: choices.municipalities.map((m) => ({ ags: m.ags, name: m.name })), leads, fields: choices.fields, goals: choices.goals },
		// a municipality's staff lead their own by default
		stored: { leadAgs: leads !== 'all' && leads.length === 1 ? leads[0] : '', visibility: 'public', status: 'idea' },
		storedLists: { participants: [], actionFields: [], goals: [] }
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		allowed(actor);
		const form = readMeasureForm(await request.formData());
		if (!form.ok) return fail(400, { values: form.values, lists: form.lists, errors: form.errors });
		let id: number;
		try {
			id = await createMeasure(db(), actor, form.data);
		} catch (e) {
			if (e instanceof CooperationError) return fail(400, { values: form.values, lists: form.lists, errors: { [e.field]: e.message as MessageKey } });
			refuse(e);
		}
		redirect(303, `/verwaltung/kooperation/${id}?neu`);
	}
};
