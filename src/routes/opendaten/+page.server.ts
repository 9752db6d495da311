import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async () => {
	const region = await regionQueries.findRegion(db());
	return { dataLicence: region?.dataLicence ?? 'dl-de/by-2-0' };
};
