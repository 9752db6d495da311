import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const steers = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/** Bundling is internal: the staff of the municipalities and the coordination office. */
export const bundlingPolicy = {
	read: (actor: Actor) => steers(actor) || municipalitiesWhere(actor, 'staff').length > 0,
	/** A municipality's plans are posted (and withdrawn) by its own staff. */
	post: (actor: Actor, ags: string) => steers(actor) || holdsMunicipalityRole(actor, ags, 'staff'),
	/** The municipalities whose plans the actor posts ('all' for the coordination office). */
	postable: (actor: Actor): 'all' | string[] => (steers(actor) ? 'all' : municipalitiesWhere(actor, 'staff')),
	/** Taking up a proposal, discussing it: anyone whose municipality is in it, and the coordination office. */
	join: (actor: Actor, municipalities: string[]) => steers(actor) || municipalities.some((ags) => holdsMunicipalityRole(actor, ags, 'staff'))
};
