import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { readLeitbildForm } from '#lib/features/leitbild/form.ts';
import { leitbildPolicy } from '#lib/features/leitbild/server/policy.ts';
import { diffLeitbildRevisions, getLeitbild, LeitbildInvalidError, listLeitbildRevisions, restoreLeitbildRevision, reviseLeitbild } from '#lib/features/leitbild/server/service.ts';
import { reindexSearch } from '#lib/features/search/server/service.ts';
import { searchSources } from '#lib/server/domains.ts';

function editor(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!leitbildPolicy.edit(actor)) error(403, 'Das Leitbild bearbeitet die Koordinierungsstelle.');
	return actor;
}

export const load = async ({ locals, url }) => {
	editor(locals, url);
	const current = await getLeitbild(db());
	if (!current) error(404, 'Es gibt noch kein Leitbild.');
	const revisions = await listLeitbildRevisions(db(), { limit: 100 });
	const diffId = Number(url.searchParams.get('unterschied')) || undefined;
	let diff: { id: number; previous: number; parts: Awaited<ReturnType<typeof diffLeitbildRevisions>> } | undefined;
	if (diffId) {
		const index = revisions.findIndex((r) => r.id === diffId);
		if (index < 0) error(404, 'Diese Fassung gibt es nicht.');
		const previous = revisions[index + 1];
		if (previous) diff = { id: diffId, previous: previous.id, parts: await diffLeitbildRevisions(db(), previous.id, diffId) };
	}
	return { content: current.content, revisionId: current.revisionId, revisions, diff };
};

export const actions = {
	save: async ({ locals, url, request }) => {
		const actor = editor(locals, url);
		const form = await request.formData();
		const result = readLeitbildForm(form);
		if (!result.ok) return fail(400, { draft: result.draft, note: result.note, errors: result.errors });
		// Someone else saved in the meantime: do not overwrite their change unseen.
		const base = Number(form.get('base'));
		const current = await getLeitbild(db());
		if (current && base !== current.revisionId)
			return fail(409, { draft: result.content, note: result.note, errors: { note: 'Inzwischen hat jemand anderes das Leitbild geändert. Bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderung dann.' } });
		try {
			await reviseLeitbild(db(), actor, { content: result.content, note: result.note });
		} catch (e) {
			if (e instanceof LeitbildInvalidError) return fail(400, { draft: result.content, note: result.note, errors: { note: e.issues.join('; ') } });
			throw e;
		}
		await reindexSearch(db(), searchSources);
		return { saved: true };
	},
	restore: async ({ locals, url, request }) => {
		const actor = editor(locals, url);
		const id = Number((await request.formData()).get('revision'));
		try {
			await restoreLeitbildRevision(db(), actor, id);
		} catch (e) {
			if (e instanceof NotFoundError) error(404, e.message);
			throw e;
		}
		await reindexSearch(db(), searchSources);
		return { restored: id };
	}
};
