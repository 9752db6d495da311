import { db } from '#lib/server/runtime.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { listOwn } from '#lib/features/events/server/queries.ts';

/** An organiser's own events: what waits for review, what came back, what is published. */
export const load = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	return {
		canSubmit: eventsPolicy.submittable(actor).length > 0,
		events: (await listOwn(db(), actor.id, 100)).map((e) => ({ ...e, startsAt: e.startsAt.toISOString() })),
		submitted: url.searchParams.has('eingereicht')
	};
};
