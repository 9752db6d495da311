import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { readProcessForm } from '#lib/features/participation/schemas.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import { createProcess } from '#lib/features/participation/server/service.ts';
import { attempt, processChoices, readParticipationRequest } from '#lib/features/participation/server/web.ts';

/** Coordinators and municipality editors start a participation process. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const scope = participationPolicy.creatable(actor);
	if (scope !== 'all' && !scope.length) error(403, 'Verfahren beginnen die Redaktionen der Kommunen und die Koordinierungsstelle.');
	return { choices: await processChoices(db(), actor) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const read = readProcessForm(values);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attempt(values, () => createProcess(db(), actor, read.input));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/verwaltung/beteiligung/${outcome.result}?angelegt=1`);
	}
};
