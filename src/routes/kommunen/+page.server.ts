import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { presentMunicipality } from '#lib/features/region/server/presenter.ts';

export const load = async ({ locals }) => {
	const [rows, districts, attributions] = await Promise.all([
		regionQueries.listMunicipalities(db()),
		regionQueries.listDistricts(db()),
		regionQueries.boundaryAttributions(db())
	]);
	return {
		municipalities: rows.map((r) => presentMunicipality(r, districts, locals.locale)),
		map: mapConfig(attributions)
	};
};
