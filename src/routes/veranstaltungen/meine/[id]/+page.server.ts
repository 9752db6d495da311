import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import type { Actor } from '#lib/server/actor.ts';
import { requireUser, mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { placeChoices } from '#lib/features/places/server/queries.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { getEventForEditing, updateEvent, withdrawEvent } from '#lib/features/events/server/service.ts';
import { attemptEvent, eventFormValues, readEventRequest } from '#lib/features/events/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);

/** The organiser's own event; the service refuses everyone else (403 with its reason, or 404). */
async function ownEvent(actor: Actor, id: string) {
	const outcome = await attemptEvent({}, () => getEventForEditing(db(), actor, idOf(id), 'organiser'));
	if (!outcome.ok) error(404, 'Diese Veranstaltung gibt es nicht.'); // reading raises no form error
	return outcome.result;
}

/**
 * An organiser changes their event before it is published (or after it came back), or withdraws
 * it. The service acts here only for the organiser who submitted it (`'organiser'`).
 */
export const load = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const found = await ownEvent(actor, params.id);
	const scope = eventsPolicy.submittable(actor);
	return {
		id: found.event.id,
		title: found.event.title,
		status: found.event.status,
		reviewComment: found.event.reviewComment,
		hasImage: Boolean(found.event.imageKey),
		values: eventFormValues(found.event, found),
		municipalities: (await listMunicipalities(db())).filter((m) => scope.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })),
		places: await placeChoices(db(), scope)
	};
};

export const actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireUser(locals, url);
		await ownEvent(actor, params.id); // refused before the form is read: validation tells a stranger nothing
		const { values, read, image } = await readEventRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptEvent(values, () => updateEvent(db(), storage(), actor, idOf(params.id), read.input, image, values.removeImage === 'on', mailContext(url), 'organiser'));
		if (!outcome.ok) return outcome.failure;
		await dispatchMails(outcome.result);
		redirect(303, '/veranstaltungen/meine?eingereicht=1');
	},
	withdraw: async ({ locals, url, params }) => {
		const actor = requireUser(locals, url);
		const outcome = await attemptEvent({}, () => withdrawEvent(db(), actor, idOf(params.id), 'organiser'));
		if (!outcome.ok) return outcome.failure;
		redirect(303, '/veranstaltungen/meine');
	}
};
