import { error, fail } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { addFile, getPaper, listFiles, removeFile } from '#lib/features/bodies/server/service.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { attempt, formValues } from '#lib/features/bodies/server/web.ts';

const idOf = (id: string | undefined) => (/^\d{1,9}$/.test(id ?? '') ? Number(id) : -1);

/** A paper in the back office: its documents. */
export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const p = await getPaper(db(), actor, idOf(params.id));
		return {
			paper: { id: p.paper.id, reference: p.paper.reference, title: p.paper.title },
			files: (await listFiles(db(), { paperId: p.paper.id }, true)).map((f) => ({ id: f.id, title: f.title })),
			canEdit: bodiesPolicy.submitPaper(actor, p.paper.originAgs)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Vorlage gibt es nicht.');
		throw e;
	}
};

export const actions = {
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
