import { db } from '#lib/server/runtime.ts';
import { listedMembers } from '#lib/features/region/server/choice.ts';

export const load = async () => {
	const listed = await listedMembers(db());
	return { memberCount: listed.count, municipalities: listed.members?.map((m) => m.name) ?? null };
};
