import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { readIdeaForm } from '#lib/features/participation/schemas.ts';
import { editIdea, getIdea } from '#lib/features/participation/server/service.ts';
import { attempt, guard, readParticipationRequest } from '#lib/features/participation/server/web.ts';

/** The author changes their idea while ideas are collected and before any answer. */
export const load = async ({ params, locals, url }) => {
	const actor = requireUser(locals, url);
	const found = await guard(() => getIdea(db(), actor, Number(params.id)));
	if (found.idea.authorId !== actor.id) error(403, 'Nur die Person, die die Idee eingereicht hat, kann sie ändern.');
	const municipalities = await regionQueries.listMunicipalities(db());
	const i = found.idea;
	return {
		idea: { id: i.id, title: i.title },
		categories: found.process.process.ideaCategories,
		values: { title: i.title, body: i.body, category: i.category, municipalityAgs: i.municipalityAgs ?? '', placeText: i.placeText ?? '', lat: found.lat != null ? String(found.lat) : '', lon: found.lon != null ? String(found.lon) : '' },
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name })),
		map: mapConfig(await regionQueries.boundaryAttributions(db()))
	};
};

export const actions = {
	default: async ({ params, locals, url, request }) => {
		const actor = requireUser(locals, url);
		const found = await guard(() => getIdea(db(), actor, Number(params.id)));
		const { values } = await readParticipationRequest(request);
		const read = readIdeaForm(values, found.process.process.ideaCategories);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attempt(values, () => editIdea(db(), actor, found.idea.id, read.input));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/beteiligung/ideen/${found.idea.id}`);
	}
};
