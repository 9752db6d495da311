import { fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { readIdeaForm } from '#lib/features/participation/schemas.ts';
import { getProcess, submitIdea } from '#lib/features/participation/server/service.ts';
import { attempt, guard, participationNow, readParticipationRequest, TOO_MANY, withinParticipationLimit } from '#lib/features/participation/server/web.ts';

/** A citizen submits an idea while the process collects them. */
export const load = async ({ params, locals, url }) => {
	const actor = requireUser(locals, url);
	const found = await guard(() => getProcess(db(), actor, Number(params.id)));
	const can = participationNow(actor, found.phases);
	const municipalities = (await regionQueries.listMunicipalities(db())).filter((m) => !found.process.municipalities.length || found.process.municipalities.includes(m.ags));
	return {
		process: { id: found.process.id, title: found.process.title, categories: found.process.ideaCategories },
		open: can.submit,
		verified: can.canParticipate,
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name })),
		map: mapConfig(await regionQueries.boundaryAttributions(db()))
	};
};

export const actions = {
	default: async ({ params, locals, url, request, getClientAddress }) => {
		const actor = requireUser(locals, url);
		const found = await guard(() => getProcess(db(), actor, Number(params.id)));
		const { values, image } = await readParticipationRequest(request);
		const read = readIdeaForm(values, found.process.ideaCategories);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		if (!(await withinParticipationLimit(db(), 'idea', actor, getClientAddress()))) return fail(429, { values, errors: { title: TOO_MANY } });
		const outcome = await attempt(values, () => submitIdea(db(), storage(), actor, found.process.id, read.input, image));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/beteiligung/ideen/${outcome.result}?eingereicht=1`);
	}
};
