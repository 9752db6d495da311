import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listedMembers } from '#lib/features/region/server/choice.ts';

export const load = async () => {
	const [region, listed] = await Promise.all([regionQueries.findRegion(db()), listedMembers(db())]);
	return { office: region?.coordinationOffice ?? {}, memberCount: listed.count, municipalities: listed.members?.map((m) => ({ slug: m.slug, name: m.name })) ?? null };
};
