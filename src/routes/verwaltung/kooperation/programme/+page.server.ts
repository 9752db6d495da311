import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { createProgramme, listProgrammes, measureChoices } from '#lib/features/cooperation/server/service.ts';
import { readProgrammeForm, refuse, requireProgrammeKeeper } from '#lib/features/cooperation/server/web.ts';

export const load = async ({ locals, url }) => {
	requireProgrammeKeeper(locals, url);
	const [programmes, choices] = await Promise.all([listProgrammes(db()), measureChoices(db())]);
	return { programmes, fields: choices.fields.map((f) => ({ id: f.id, number: f.number, title: f.title.de })) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireProgrammeKeeper(locals, url);
		const form = readProgrammeForm(await request.formData());
		if (!form.ok) return fail(400, { values: form.values, lists: form.lists, errors: form.errors });
		let id: number;
		try {
			id = (await createProgramme(db(), actor, form.data)).id;
		} catch (e) {
			refuse(e, 'Dieses Förderprogramm gibt es nicht.');
		}
		redirect(303, `/verwaltung/kooperation/programme/${id}?neu`);
	}
};
