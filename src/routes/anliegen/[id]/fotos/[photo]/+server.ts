import { error } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { readReportPhoto } from '#lib/features/reports/server/service.ts';

/** A report's photo (`?klein`: the thumbnail). Released photos are public; staff see the others. */
export const GET = async ({ params, url, locals }) => {
	const id = /^\d{1,10}$/.test(params.id) ? Number(params.id) : NaN;
	const photo = /^\d{1,10}$/.test(params.photo) ? Number(params.photo) : NaN;
	if (!Number.isSafeInteger(id) || !Number.isSafeInteger(photo)) error(404, 'Nicht gefunden');
	try {
		const { data, isPublic } = await readReportPhoto(db(), storage(), locals.actor, id, photo, url.searchParams.has('klein'));
		return new Response(new Uint8Array(data), {
			headers: {
				'content-type': 'image/webp',
				'cache-control': isPublic ? 'public, max-age=300' : 'private, no-store',
				'x-content-type-options': 'nosniff'
			}
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
