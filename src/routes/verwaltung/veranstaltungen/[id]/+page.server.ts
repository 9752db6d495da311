import { error, fail } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError, ForbiddenError } from '#lib/server/actor.ts';
import { requireStaff, mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { placeChoices } from '#lib/features/places/server/queries.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { EventError, getEventForEditing, reviewEvent, setCancelled, updateEvent, withdrawEvent } from '#lib/features/events/server/service.ts';
import { attemptEvent, eventFormValues, readEventRequest } from '#lib/features/events/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);

/** One event in the back office: review a submission, change, cancel or withdraw it. */
export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const found = await getEventForEditing(db(), actor, idOf(params.id));
		const scope = eventsPolicy.publishable(actor);
		return {
			id: found.event.id,
			title: found.event.title,
			status: found.event.status,
			cancelled: found.event.cancelled,
			reviewComment: found.event.reviewComment,
			submitted: Boolean(found.event.submittedBy),
			rightsConfirmedAt: found.event.rightsConfirmedAt?.toISOString() ?? null,
			hasImage: Boolean(found.event.imageKey),
			values: eventFormValues(found.event, found),
			saved: url.searchParams.has('gespeichert'),
			municipalities: (await listMunicipalities(db())).filter((m) => scope === 'all' || scope.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })),
			places: await placeChoices(db(), scope)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Veranstaltung gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Diese Veranstaltung pflegt die Redaktion ihrer Kommune.');
		throw e;
	}
};

async function simple(name: string, run: () => Promise<unknown>, typed: Record<string, string> = {}) {
	try {
		await run();
	} catch (e) {
		if (e instanceof EventError) return fail(400, { action: name, message: e.message, values: typed });
		if (e instanceof NotFoundError) error(404, 'Diese Veranstaltung gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Diese Veranstaltung pflegt die Redaktion ihrer Kommune.');
		throw e;
	}
	return { action: name, saved: true };
}

export const actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readEventRequest(request);
		if ('errors' in read) return fail(400, { action: 'save', values, errors: read.errors });
		const outcome = await attemptEvent(values, () => updateEvent(db(), storage(), actor, idOf(params.id), read.input, image, values.removeImage === 'on', mailContext(url)));
		if (!outcome.ok) return outcome.failure;
		await dispatchMails(outcome.result);
		return { action: 'save', saved: true };
	},
	approve: async ({ locals, url, params }) => {
		const actor = requireStaff(locals, url);
		return simple('review', async () => dispatchMails(await reviewEvent(db(), actor, idOf(params.id), { approve: true }, mailContext(url))));
	},
	return: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const comment = String((await request.formData()).get('comment') ?? '');
		return simple('review', async () => dispatchMails(await reviewEvent(db(), actor, idOf(params.id), { approve: false, comment }, mailContext(url))), { comment });
	},
	cancel: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const cancelled = (await request.formData()).get('cancelled') === 'on';
		return simple('cancel', () => setCancelled(db(), actor, idOf(params.id), cancelled));
	},
	withdraw: async ({ locals, url, params }) => {
		const actor = requireStaff(locals, url);
		return simple('withdraw', () => withdrawEvent(db(), actor, idOf(params.id)));
	}
};
