import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { createPaper, listPapers } from '#lib/features/bodies/server/service.ts';
import { listMemberMunicipalities } from '#lib/features/bodies/server/queries.ts';
import { attempt, formValues, readPaperForm } from '#lib/features/bodies/server/web.ts';

/** Papers: the coordination office's and those the staff of a municipality bring in. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const origins = bodiesPolicy.paperOrigins(actor);
	const members = await listMemberMunicipalities(db());
	return {
		removed: url.searchParams.has('entfernt'),
		papers: (await listPapers(db(), 100)).map((p) => ({ id: p.id, reference: p.reference, title: p.title, type: p.paperType, date: p.paperDate })),
		origins: [...(origins === 'all' ? [{ ags: '', name: 'Koordinierungsstelle' }] : []), ...members.filter((m) => origins === 'all' || origins.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name }))]
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const v = formValues(await request.formData());
		const read = readPaperForm(v);
		if (!('input' in read)) return fail(400, { values: v, ...read });
		return attempt('create', v, () => createPaper(db(), actor, read.input));
	}
};
