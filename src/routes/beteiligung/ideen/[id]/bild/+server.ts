import { error } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { imageResponse } from '#lib/server/images.ts';
import { getIdea } from '#lib/features/participation/server/service.ts';
import { guard } from '#lib/features/participation/server/web.ts';

/** The idea's image (`?klein`: the thumbnail); not for hidden ideas. */
export const GET = async ({ params, url, locals }) => {
	const { idea } = await guard(() => getIdea(db(), locals.actor, Number(params.id)));
	const key = url.searchParams.has('klein') ? idea.thumbKey : idea.imageKey;
	if (!key || idea.hiddenAt) error(404, 'Dieses Bild gibt es nicht.');
	const data = await storage().read(key);
	if (!data) error(404, 'Dieses Bild gibt es nicht.');
	return imageResponse(data);
};
