import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { eurosForInput } from '#lib/features/cooperation/money.ts';
import { findProgramme, measureChoices, updateProgramme } from '#lib/features/cooperation/server/service.ts';
import { readProgrammeForm, refuse, requireProgrammeKeeper } from '#lib/features/cooperation/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);
const notFound = 'Dieses Förderprogramm gibt es nicht.';

export const load = async ({ locals, url, params }) => {
	requireProgrammeKeeper(locals, url);
	let p;
	try {
		p = await findProgramme(db(), idOf(params.id));
	} catch (e) {
		refuse(e, notFound);
	}
	const choices = await measureChoices(db());
	return {
		created: url.searchParams.has('neu'),
		name: p.name,
		stored: {
			name: p.name,
			funder: p.funder,
			rate: p.rateBasisPoints === null ? '' : String(p.rateBasisPoints / 100).replace('.', ','),
			maxAmount: eurosForInput(p.maxAmountCents),
			deadlines: p.deadlines.map((d) => `${d.on} ${d.label}`).join('\n'),
			link: p.link ?? '',
			notes: p.notes ?? '',
			active: p.active ? 'on' : ''
		},
		storedFields: p.actionFieldIds.map(String),
		fields: choices.fields.map((f) => ({ id: f.id, number: f.number, title: f.title.de }))
	};
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireProgrammeKeeper(locals, url);
		const form = readProgrammeForm(await request.formData());
		if (!form.ok) return fail(400, { values: form.values, lists: form.lists, errors: form.errors });
		try {
			await updateProgramme(db(), actor, idOf(params.id), form.data);
		} catch (e) {
			refuse(e, notFound);
		}
		return { saved: true };
	}
};
