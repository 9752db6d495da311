import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { addFile, getPaper, listFiles, removeFile, removePaper, updatePaper } from '#lib/features/bodies/server/service.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { listMemberMunicipalities } from '#lib/features/bodies/server/queries.ts';
import { attempt, formValues, readPaperForm } from '#lib/features/bodies/server/web.ts';

const idOf = (id: string | undefined) => (/^\d{1,9}$/.test(id ?? '') ? Number(id) : -1);

/** A paper in the back office: its wording (until a body has decided on it), its documents. */
export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const p = await getPaper(db(), actor, idOf(params.id));
		const origins = bodiesPolicy.paperOrigins(actor);
		const members = await listMemberMunicipalities(db());
		const paper = p.paper;
		return {
			paper: { id: paper.id, reference: paper.reference, title: paper.title },
			values: {
				reference: paper.reference,
				title: paper.title,
				paperType: paper.paperType,
				originAgs: paper.originAgs ?? '',
				paperDate: paper.paperDate,
				text: paper.text,
				measures: p.allMeasureIds.join(', ')
			},
			consulted: p.consultations.length > 0,
			decided: p.decided,
			origins: [...(origins === 'all' ? [{ ags: '', name: 'Koordinierungsstelle' }] : []), ...members.filter((m) => origins === 'all' || origins.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name }))],
			files: (await listFiles(db(), { paperId: paper.id }, true)).map((f) => ({ id: f.id, title: f.title })),
			canEdit: bodiesPolicy.submitPaper(actor, paper.originAgs)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Vorlage gibt es nicht.');
		throw e;
	}
};

export const actions = {
	update: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const v = formValues(await request.formData());
		const read = readPaperForm(v);
		if (!('input' in read)) return fail(400, { action: 'update', values: v, ...read });
		return attempt('update', v, () => updatePaper(db(), actor, idOf(params.id), read.input));
	},
	remove: async ({ locals, url, params }) => {
		const actor = requireStaff(locals, url);
		const result = await attempt('remove', {}, () => removePaper(db(), storage(), actor, idOf(params.id)));
		if ('saved' in result) redirect(303, '/verwaltung/gremien/vorlagen?entfernt=1');
		return result;
	},
	addFile: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const data = await request.formData();
		const file = data.get('file');
		const v = formValues(data);
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'addFile', values: v, message: 'Bitte wählen Sie eine Datei.', field: 'paper-file' });
		const bytes = Buffer.from(await file.arrayBuffer());
		return attempt('addFile', v, () => addFile(db(), storage(), actor, { paperId: idOf(params.id) }, { title: v.title ?? '', fileName: file.name, data: bytes, isPublic: true }));
	},
	removeFile: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('removeFile', v, () => removeFile(db(), storage(), actor, idOf(v.file)));
	}
};
