import { error } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { imageResponse } from '#lib/server/images.ts';
import { getPublicPlace } from '#lib/features/places/server/service.ts';

/** The image of a place (`?klein`: the thumbnail). */
export const GET = async ({ params, url }) => {
	let key: string | null = null;
	try {
		const found = await getPublicPlace(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		key = url.searchParams.has('klein') ? found.place.thumbKey : found.place.imageKey;
	} catch (e) {
		if (!(e instanceof NotFoundError)) throw e;
	}
	const data = key ? await storage().read(key) : undefined;
	if (!data) error(404, 'Dieses Bild gibt es nicht.');
	return imageResponse(data);
};
