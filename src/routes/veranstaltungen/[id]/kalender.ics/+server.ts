import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { getPublicEvent } from '#lib/features/events/server/service.ts';
import { eventFile, icsResponse } from '#lib/features/events/server/feeds.ts';

/** "Add to calendar": one event (with its repetition) as an iCalendar file. */
export const GET = async ({ params, url }) => {
	try {
		const found = await getPublicEvent(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		return icsResponse(eventFile(found, url.origin), `veranstaltung-${params.id}.ics`);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Veranstaltung gibt es nicht.');
		throw e;
	}
};
