import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { requireUser, mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { placeChoices } from '#lib/features/places/server/queries.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { getEventForEditing, updateEvent, withdrawEvent } from '#lib/features/events/server/service.ts';
import { attemptEvent, eventFormValues, readEventRequest } from '#lib/features/events/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);

/** An organiser changes their event before it is published (or after it came back), or withdraws it. */
export const load = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	try {
		const found = await getEventForEditing(db(), actor, idOf(params.id));
		if (!eventsPolicy.editOwn(actor, found.event)) error(403, 'Veröffentlichte Veranstaltungen ändert die Redaktion der Kommune.');
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
	} catch (e) {
		if (e instanceof NotFoundError || e instanceof ForbiddenError) error(404, 'Diese Veranstaltung gibt es nicht.');
		throw e;
	}
};

/**
 * The organiser's own pages act only for the organiser who submitted the event; the editors
 * change and withdraw events in the back office, where their review is recorded as such.
 */
async function requireOwnEvent(actor: Actor, id: number) {
	const outcome = await attemptEvent({}, () => getEventForEditing(db(), actor, id));
	if (outcome.ok && !eventsPolicy.editOwn(actor, outcome.result.event)) error(403, 'Veröffentlichte Veranstaltungen ändert die Redaktion der Kommune.');
}

export const actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireUser(locals, url);
		await requireOwnEvent(actor, idOf(params.id));
		const { values, read, image } = await readEventRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptEvent(values, () => updateEvent(db(), storage(), actor, idOf(params.id), read.input, image, values.removeImage === 'on', mailContext(url)));
		if (!outcome.ok) return outcome.failure;
		await dispatchMails(outcome.result);
		redirect(303, '/veranstaltungen/meine?eingereicht=1');
	},
	withdraw: async ({ locals, url, params }) => {
		const actor = requireUser(locals, url);
		await requireOwnEvent(actor, idOf(params.id));
		const outcome = await attemptEvent({}, () => withdrawEvent(db(), actor, idOf(params.id)));
		if (!outcome.ok) return outcome.failure;
		redirect(303, '/veranstaltungen/meine');
	}
};
