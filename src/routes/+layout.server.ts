import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ locals, url }) => {
	const region = await regionQueries.findRegion(db());
	const municipalities = await regionQueries.listMunicipalities(db());
	return {
		locale: locals.locale,
		demo: locals.demo,
		path: url.pathname + url.search,
		region: {
			name: region?.name ?? 'Partheland',
			attribution: municipalities[0]?.boundarySource ?? '',
			licence: 'Datenlizenz Deutschland – Namensnennung 2.0'
		}
	};
};
