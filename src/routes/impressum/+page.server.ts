import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async () => {
	const [region, municipalities] = await Promise.all([regionQueries.findRegion(db()), regionQueries.listMunicipalities(db())]);
	return { office: region?.coordinationOffice ?? {}, municipalities: municipalities.map((m) => ({ slug: m.slug, name: m.name })) };
};
