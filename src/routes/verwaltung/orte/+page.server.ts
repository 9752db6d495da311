import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { placesPolicy } from '#lib/features/places/server/policy.ts';
import { listPlaces } from '#lib/features/places/server/queries.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

/** The places of the actor's municipalities. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!placesPolicy.enterBackOffice(actor)) error(403, 'Die Orte pflegen die Redaktionen der Kommunen.');
	const scope = placesPolicy.editable(actor);
	const municipalities = (await regionQueries.listMunicipalities(db())).filter((m) => scope === 'all' || scope.includes(m.ags));
	const places = [];
	for (const m of municipalities) places.push(...(await listPlaces(db(), { ags: m.ags }, 500)).map((r) => ({ id: r.place.id, name: r.place.name, category: r.place.category, municipality: r.municipalityName })));
	return { places, removed: url.searchParams.has('entfernt') };
};
