import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const steers = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/**
 * Bodies belong to the cooperation: the coordination office keeps them, prepares meetings and
 * records decisions. Each municipality names its own representatives (self-government). Closed
 * agenda items and minutes are for the body's members and the coordination office only.
 */
export const bodiesPolicy = {
	manage: (actor: Actor) => steers(actor),
	/** Names (or ends) a municipality's representatives in a body. */
	appoint: (actor: Actor, ags: string) => steers(actor) || holdsMunicipalityRole(actor, ags, 'municipality_admin'),
	/** The municipalities whose representatives the actor names ('all' for the coordination office). */
	appointable: (actor: Actor): 'all' | string[] => (steers(actor) ? 'all' : municipalitiesWhere(actor, 'municipality_admin')),
	/** The bodies' back office: the coordination office and the municipality admins. */
	enterBackOffice: (actor: Actor) => steers(actor) || municipalitiesWhere(actor, 'municipality_admin').length > 0,
	/** A paper from a municipality (or, with null, from the coordination office). */
	submitPaper: (actor: Actor, originAgs: string | null) => steers(actor) || (originAgs !== null && holdsMunicipalityRole(actor, originAgs, 'staff')),
	/** Where the actor's papers may come from: 'all' (the office and every member) or their municipalities. */
	paperOrigins: (actor: Actor): 'all' | string[] => (steers(actor) ? 'all' : municipalitiesWhere(actor, 'staff')),
	recordDecision: (actor: Actor) => steers(actor),
	/** Only the coordination office corrects a recorded decision, with a reason. */
	correctDecision: (actor: Actor) => holdsRegionRole(actor, 'coordinator'),
	/** Closed items, closed minutes and closed documents. `memberOf`: the body ids the actor sits in. */
	readClosed: (actor: Actor, bodyId: number, memberOf: number[]) => steers(actor) || memberOf.includes(bodyId)
};
