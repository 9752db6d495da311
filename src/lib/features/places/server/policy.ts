import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const office = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/** Places: a municipality's editors keep its places; the coordination office helps everywhere. */
export const placesPolicy = {
	edit: (actor: Actor, ags: string) => office(actor) || holdsMunicipalityRole(actor, ags, 'editor'),
	editable: (actor: Actor): 'all' | string[] => (office(actor) ? 'all' : municipalitiesWhere(actor, 'editor')),
	enterBackOffice: (actor: Actor) => office(actor) || municipalitiesWhere(actor, 'editor').length > 0
};
