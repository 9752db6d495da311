import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { newsPolicy } from '#lib/features/news/server/policy.ts';
import { createNews } from '#lib/features/news/server/service.ts';
import { attemptNews, newsPlaces, readNewsRequest } from '#lib/features/news/server/web.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!newsPolicy.enterBackOffice(actor)) error(403, 'Nachrichten schreiben die Redaktionen der Kommunen.');
	const places = await newsPlaces(db(), actor);
	return { places, author: places.length === 1 ? `Redaktion ${places[0].name}` : '' };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readNewsRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptNews(values, () => createNews(db(), storage(), actor, read.input, image));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/verwaltung/nachrichten/${outcome.result}?gespeichert=1`);
	}
};
