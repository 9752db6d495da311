import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { requireUser, mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { placeChoices } from '#lib/features/places/server/queries.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { createEvent } from '#lib/features/events/server/service.ts';
import { attemptEvent, readEventRequest } from '#lib/features/events/server/web.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';

/** An organiser submits an event of a municipality that named them; its editors review it. */
export const load = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const scope = eventsPolicy.submittable(actor);
	if (!scope.length) error(403, 'Veranstaltungen einreichen können Veranstalter, die eine Kommune dafür freigeschaltet hat.');
	return { municipalities: (await listMunicipalities(db())).filter((m) => scope.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })), places: await placeChoices(db(), scope) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireUser(locals, url);
		const { values, read, image } = await readEventRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		if (!(await consumeRateLimit(db(), `event-submit:${actor.id}`, 30, 3600)).allowed) return fail(429, { values, errors: { title: 'Sie haben in der letzten Stunde sehr viele Veranstaltungen eingereicht. Bitte versuchen Sie es später noch einmal.' } });
		const outcome = await attemptEvent(values, () => createEvent(db(), storage(), actor, read.input, image, mailContext(url)));
		if (!outcome.ok) return outcome.failure;
		await dispatchMails(outcome.result.mailIds);
		redirect(303, '/veranstaltungen/meine?eingereicht=1');
	}
};
