import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { createPaper, listPapers } from '#lib/features/bodies/server/service.ts';
import { listMemberMunicipalities } from '#lib/features/bodies/server/queries.ts';
import { attempt, formValues } from '#lib/features/bodies/server/web.ts';
import { paperTypes } from '#lib/features/bodies/server/tables.ts';

/** Papers: the coordination office's and those the staff of a municipality bring in. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const origins = bodiesPolicy.paperOrigins(actor);
	const members = await listMemberMunicipalities(db());
	return {
		papers: (await listPapers(db(), 100)).map((p) => ({ id: p.id, reference: p.reference, title: p.title, type: p.paperType, date: p.paperDate })),
		origins: [...(origins === 'all' ? [{ ags: '', name: 'Koordinierungsstelle' }] : []), ...members.filter((m) => origins === 'all' || origins.includes(m.ags))]
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const v = formValues(await request.formData());
		const refuse = (field: string, message: string) => fail(400, { values: v, field, message });
		const reference = (v.reference ?? '').trim();
		const title = (v.title ?? '').trim();
		const text = (v.text ?? '').trim();
		if (!/^[\p{L}\d /.-]{2,40}$/u.test(reference)) return refuse('reference', 'Bitte geben Sie ein Aktenzeichen an (z. B. BV 2026/001).');
		if (title.length < 3 || title.length > 300) return refuse('title', 'Bitte geben Sie einen Titel mit 3 bis 300 Zeichen an.');
		if (text.length < 10 || text.length > 50_000) return refuse('text', 'Bitte geben Sie den Text der Vorlage an (mindestens 10 Zeichen).');
		if (!/^\d{4}-\d{2}-\d{2}$/.test(v.paperDate ?? '')) return refuse('paperDate', 'Bitte geben Sie das Datum der Vorlage an.');
		const measures = (v.measures ?? '').split(/[\s,;]+/).filter(Boolean);
		if (measures.some((m) => !/^\d{1,9}$/.test(m))) return refuse('measures', 'Bitte nennen Sie die Maßnahmen mit ihren Nummern, durch Komma getrennt.');
		const paperType = (paperTypes as readonly string[]).includes(v.paperType) ? (v.paperType as (typeof paperTypes)[number]) : 'resolution';
		const result = await attempt('create', v, () =>
			createPaper(db(), actor, { reference, title, paperType, originAgs: /^\d{8}$/.test(v.originAgs ?? '') ? v.originAgs : null, text, paperDate: v.paperDate, measureIds: measures.map(Number) })
		);
		return result;
	}
};
