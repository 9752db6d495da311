import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { placesPolicy } from '#lib/features/places/server/policy.ts';
import { createPlace } from '#lib/features/places/server/service.ts';
import { attemptPlace, readPlaceRequest } from '#lib/features/places/server/web.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!placesPolicy.enterBackOffice(actor)) error(403, 'Die Orte pflegen die Redaktionen der Kommunen.');
	return {};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readPlaceRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptPlace(values, () => createPlace(db(), storage(), actor, read.input, image));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/verwaltung/orte/${outcome.result}?gespeichert=1`);
	}
};
