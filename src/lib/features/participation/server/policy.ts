import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const office = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/**
 * Beteiligung. A process belongs to one municipality (`owner`) or, with `owner` null, to the
 * region's coordination office. Its editors run it, its staff answer ideas, its moderators (and
 * editors) moderate; the coordination office may do all of it everywhere.
 */
export const participationPolicy = {
	manage: (actor: Actor, owner: string | null) => office(actor) || (owner !== null && holdsMunicipalityRole(actor, owner, 'editor')),
	/** Where the actor may start processes: 'all' (the region and every member) or some municipalities. */
	creatable: (actor: Actor): 'all' | string[] => (office(actor) ? 'all' : municipalitiesWhere(actor, 'editor')),
	/** Official answers (in Prüfung, angenommen, abgelehnt, umgesetzt). */
	answer: (actor: Actor, owner: string | null) => office(actor) || (owner !== null && holdsMunicipalityRole(actor, owner, 'staff')),
	moderate: (actor: Actor, owner: string | null) => office(actor) || (owner !== null && holdsMunicipalityRole(actor, owner, 'moderator', 'editor')),
	/** Whose processes the actor moderates: 'all' or the owning municipalities. */
	moderated: (actor: Actor): 'all' | string[] => (office(actor) ? 'all' : municipalitiesWhere(actor, 'moderator', 'editor')),
	/** Ideas, supports, comments and points: a signed-in person whose e-mail address is verified. */
	participate: (actor: Actor) => actor.kind === 'user' && Boolean(actor.id) && actor.emailVerified === true,
	/** Flagging is open to everyone, guests too (rate-limited by address). */
	flag: () => true,
	enterBackOffice: (actor: Actor) => office(actor) || municipalitiesWhere(actor, 'editor', 'staff', 'moderator').length > 0
};
