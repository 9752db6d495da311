import { error, fail } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { getNewsForEditing, updateNews } from '#lib/features/news/server/service.ts';
import { attemptNews, newsFormValues, newsPlaces, readNewsRequest } from '#lib/features/news/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);

export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const found = await getNewsForEditing(db(), actor, idOf(params.id));
		const n = found.news;
		return { id: n.id, title: n.title, status: n.status, visible: n.status !== 'draft' && n.publishAt !== null && n.publishAt <= new Date(), hasImage: Boolean(n.imageKey), values: newsFormValues(n), places: await newsPlaces(db(), actor), saved: url.searchParams.has('gespeichert') };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Nachricht gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Diese Nachricht schreibt die Redaktion ihrer Kommune.');
		throw e;
	}
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readNewsRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptNews(values, () => updateNews(db(), storage(), actor, idOf(params.id), read.input, image, values.removeImage === 'on'));
		if (!outcome.ok) return outcome.failure;
		return { saved: true };
	}
};
