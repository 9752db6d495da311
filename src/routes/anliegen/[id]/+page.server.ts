import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { presentPhotos, presentPublicReport, presentTimeline } from '#lib/features/reports/server/presenter.ts';
import { getPublicReport } from '#lib/features/reports/server/service.ts';

export const load = async ({ params, locals, url }) => {
	const id = /^\d{1,10}$/.test(params.id) ? Number(params.id) : NaN;
	if (!Number.isSafeInteger(id)) error(404, 'Nicht gefunden');
	try {
		const { row, events, photos } = await getPublicReport(db(), id);
		return {
			report: presentPublicReport(row, locals.locale),
			timeline: presentTimeline(events),
			photos: presentPhotos(id, photos),
			justCreated: url.searchParams.has('neu'),
			map: mapConfig(await regionQueries.boundaryAttributions(db()))
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
