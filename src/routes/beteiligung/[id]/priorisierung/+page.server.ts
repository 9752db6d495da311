import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { readPointsForm } from '#lib/features/participation/schemas.ts';
import * as queries from '#lib/features/participation/server/queries.ts';
import { allocatePoints, getProcess } from '#lib/features/participation/server/service.ts';
import { attempt, guard, participationNow, readParticipationRequest, TOO_MANY, withinParticipationLimit } from '#lib/features/participation/server/web.ts';

const MAX_IDEAS = 500;

/** Each participant distributes the process's points over its ideas; a new distribution replaces the old one. */
export const load = async ({ params, locals, url }) => {
	const actor = requireUser(locals, url);
	const found = await guard(() => getProcess(db(), actor, Number(params.id)));
	const can = participationNow(actor, found.phases);
	const ideas = await queries.listIdeas(db(), found.process.id, {}, 'supports', MAX_IDEAS);
	const mine = await queries.myAllocations(db(), found.process.id, actor.id);
	return {
		process: { id: found.process.id, title: found.process.title, budget: found.process.pointsBudget },
		open: can.points,
		verified: can.canParticipate,
		ideas: ideas.map((r) => ({ id: r.idea.id, title: r.idea.title, category: r.idea.category, supports: r.idea.supportCount, points: mine.get(r.idea.id) ?? 0 })),
		spent: [...mine.values()].reduce((a, b) => a + b, 0)
	};
};

export const actions = {
	default: async ({ params, locals, url, request, getClientAddress }) => {
		const actor = requireUser(locals, url);
		const { values } = await readParticipationRequest(request);
		const read = readPointsForm(values);
		if ('errors' in read) return fail(400, { values, errors: read.errors, message: read.errors.points });
		if (!(await withinParticipationLimit(db(), 'points', actor, getClientAddress()))) return fail(429, { values, message: TOO_MANY });
		const outcome = await attempt(values, () => allocatePoints(db(), actor, Number(params.id), read.input));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/beteiligung/${params.id}/priorisierung?gespeichert=1`);
	}
};
