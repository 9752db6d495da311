import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { getPlaceForEditing, removePlace, updatePlace } from '#lib/features/places/server/service.ts';
import { placeFormValues } from '#lib/features/places/schemas.ts';
import { attemptPlace, readPlaceRequest } from '#lib/features/places/server/web.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);

export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const found = await getPlaceForEditing(db(), actor, idOf(params.id));
		return { id: found.place.id, name: found.place.name, municipality: found.municipalityName, hasImage: Boolean(found.place.imageKey), values: placeFormValues(found.place, found), saved: url.searchParams.has('gespeichert') };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diesen Ort gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Die Orte einer Kommune pflegt ihre Redaktion.');
		throw e;
	}
};

export const actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const { values, read, image } = await readPlaceRequest(request);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const outcome = await attemptPlace(values, () => updatePlace(db(), storage(), actor, idOf(params.id), read.input, image, values.removeImage === 'on'));
		if (!outcome.ok) return outcome.failure;
		return { saved: true };
	},
	remove: async ({ locals, url, params }) => {
		const actor = requireStaff(locals, url);
		const outcome = await attemptPlace({}, () => removePlace(db(), storage(), actor, idOf(params.id)));
		if (!outcome.ok) return outcome.failure;
		redirect(303, '/verwaltung/orte?entfernt=1');
	}
};
