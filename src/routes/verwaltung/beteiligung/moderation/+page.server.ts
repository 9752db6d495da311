import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { readReason } from '#lib/features/participation/schemas.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import { hideContent, keepContent, moderationQueue, restoreContent } from '#lib/features/participation/server/service.ts';
import { attempt, readParticipationRequest } from '#lib/features/participation/server/web.ts';

/** The moderation queue: flagged ideas and comments, oldest flag first; hide with a public reason or keep. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const scope = participationPolicy.moderated(actor);
	if (scope !== 'all' && !scope.length) error(403, 'Die Moderation ist Sache der Moderatorinnen und Moderatoren der Kommunen und der Koordinierungsstelle.');
	const queue = await moderationQueue(db(), actor);
	return { queue: queue.map((q) => ({ ...q, first: q.first instanceof Date ? q.first.toISOString() : String(q.first) })) };
};

const read = async (request: Request) => {
	const { values } = await readParticipationRequest(request);
	return { values, kind: values.kind === 'comment' ? ('comment' as const) : ('idea' as const), id: Number(values.targetId) };
};

export const actions = {
	ausblenden: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, kind, id } = await read(request);
		const target = `${kind}-${id}`;
		const reason = readReason(values);
		if ('errors' in reason) return fail(400, { action: 'hide', target, values, message: reason.errors.reason });
		const outcome = await attempt(values, () => hideContent(db(), actor, kind, id, reason.input), { action: 'hide', target });
		if (!outcome.ok) return outcome.failure;
		return { action: 'hide', target, saved: true };
	},
	behalten: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, kind, id } = await read(request);
		const outcome = await attempt(values, () => keepContent(db(), actor, kind, id), { action: 'keep' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'keep', target: `${kind}-${id}`, saved: true };
	},
	einblenden: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, kind, id } = await read(request);
		const outcome = await attempt(values, () => restoreContent(db(), actor, kind, id), { action: 'restore' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'restore', target: `${kind}-${id}`, saved: true };
	}
};
