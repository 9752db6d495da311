import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { requireStaff, mailContext } from '#lib/features/accounts/server/web.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { placeChoices } from '#lib/features/places/server/queries.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { createEvent } from '#lib/features/events/server/service.ts';
import { attemptEvent, readEventRequest } from '#lib/features/events/server/web.ts';

/** An editor enters an event of their municipality; it is published at once. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const scope = eventsPolicy.publishable(actor);
	if (scope !== 'all' && !scope.length) error(403, 'Veranstaltungen veröffentlicht die Redaktion einer Kommune.');
	return { municipalities: (await listMunicipalities(db())).filter((m) => scope === 'all' || scope.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })), places: await placeChoices(db(), scope) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readEventRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptEvent(values, () => createEvent(db(), storage(), actor, read.input, image, mailContext(url)));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/verwaltung/veranstaltungen/${outcome.result.id}?gespeichert=1`);
	}
};
