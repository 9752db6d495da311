import { db } from '#lib/server/runtime.ts';
import { isStaffAnywhere } from '#lib/server/actor.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ locals, url }) => {
	const [region, attributions, memberCount] = await Promise.all([regionQueries.findRegion(db()), regionQueries.boundaryAttributions(db()), regionQueries.countMunicipalities(db())]);
	return {
		locale: locals.locale,
		demo: locals.demo,
		path: url.pathname + url.search,
		user: locals.actor.kind === 'user' ? { name: locals.actor.name, staff: isStaffAnywhere(locals.actor) } : null,
		region: {
			name: region?.name ?? 'Partheland',
			memberCount,
			attribution: attributions.join('; '),
			licence: 'Datenlizenz Deutschland – Namensnennung 2.0'
		}
	};
};
