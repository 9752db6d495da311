import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionPolicy } from '#lib/features/region/server/policy.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const editable = regionPolicy.editableMunicipalities(actor);
	if (editable !== 'all' && !editable.length) error(403, 'Sie pflegen die Daten keiner Kommune.');
	const all = await regionQueries.listMunicipalities(db());
	return { municipalities: all.filter((m) => editable === 'all' || editable.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name, updatedAt: m.updatedAt })) };
};
