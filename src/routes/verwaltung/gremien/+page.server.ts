import { db } from '#lib/server/runtime.ts';
import { listBodies, createBody } from '#lib/features/bodies/server/service.ts';
import { attempt, canManage, formValues, requireBodiesStaff } from '#lib/features/bodies/server/web.ts';
import { measureChoices } from '#lib/features/cooperation/server/service.ts';
import { bodyKinds } from '#lib/features/bodies/server/tables.ts';
import { fail } from '@sveltejs/kit';

export const load = async ({ locals, url }) => {
	const actor = requireBodiesStaff(locals, url);
	const choices = await measureChoices(db());
	return {
		bodies: (await listBodies(db())).map((b) => ({ id: b.id, name: b.name, kind: b.kind, ruleKind: b.ruleKind, abstentionBlocks: b.abstentionBlocks, active: b.active })),
		fields: choices.fields.map((f) => ({ id: f.id, number: f.number, title: f.title.de })),
		canManage: canManage(actor)
	};
};

export const actions = {
	create: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const name = (v.name ?? '').trim();
		const shortName = (v.shortName ?? '').trim();
		if (name.length < 3 || name.length > 200) return fail(400, { action: 'create', values: v, message: 'Bitte geben Sie einen Namen mit 3 bis 200 Zeichen an.', field: 'name' });
		if (!/^[\p{L}\d .-]{1,20}$/u.test(shortName)) return fail(400, { action: 'create', values: v, message: 'Bitte geben Sie ein Kürzel mit bis zu 20 Buchstaben oder Ziffern an.', field: 'shortName' });
		const kind = (bodyKinds as readonly string[]).includes(v.kind) ? (v.kind as (typeof bodyKinds)[number]) : 'other';
		const field = Number(v.actionFieldId);
		return attempt('create', v, () =>
			createBody(db(), actor, {
				name,
				shortName,
				kind,
				actionFieldId: Number.isInteger(field) && field > 0 ? field : null,
				description: (v.description ?? '').trim().slice(0, 2000) || null,
				rule: { kind: v.rule === 'majority' ? 'majority' : 'unanimous', abstentionBlocks: v.abstentionBlocks === 'on' }
			})
		);
	}
};
