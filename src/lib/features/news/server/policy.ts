import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const office = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/** News: a municipality's editors write its news; the coordination office writes the region's (and helps everywhere). */
export const newsPolicy = {
	/** `ags` null: news of the whole region. */
	write: (actor: Actor, ags: string | null) => office(actor) || (ags !== null && holdsMunicipalityRole(actor, ags, 'editor')),
	/** Where the actor writes: 'all' (region and every member) or some municipalities. */
	writable: (actor: Actor): 'all' | string[] => (office(actor) ? 'all' : municipalitiesWhere(actor, 'editor')),
	enterBackOffice: (actor: Actor) => office(actor) || municipalitiesWhere(actor, 'editor').length > 0
};
