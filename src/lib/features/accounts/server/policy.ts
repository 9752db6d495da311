import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, roles, type Actor, type Role, type Scope } from '#lib/server/actor.ts';

/**
 * Who may manage people and roles. Self-government: a municipality admin manages the staff of
 * their own municipality only; a coordinator hands on the coordinator role; the platform admin
 * (the operator) may do everything, which is how the first municipality admins get their role.
 * Nobody grants a role they do not hold.
 */
export const accountsPolicy = {
	manageGrant(actor: Actor, role: Role, scope: Scope) {
		if (actor.kind === 'guest') return false;
		if (holdsRegionRole(actor, 'platform_admin')) return true;
		const definition = roles[role];
		if ('region' in scope) return definition.scope === 'region' && role !== 'platform_admin' && holdsRegionRole(actor, role);
		// the editors of a municipality name its event organisers (clubs), its admins everyone else
		if (role === 'organiser') return holdsMunicipalityRole(actor, scope.municipality, 'editor');
		return definition.scope === 'municipality' && holdsMunicipalityRole(actor, scope.municipality, 'municipality_admin');
	},
	/** Whose people the actor sees in the back office. */
	peopleScope(actor: Actor) {
		if (holdsRegionRole(actor, 'platform_admin', 'coordinator')) return { region: true, municipalities: [] as string[] };
		return { region: false, municipalities: municipalitiesWhere(actor, 'municipality_admin') };
	},
	viewPeople(actor: Actor) {
		const scope = this.peopleScope(actor);
		return scope.region || scope.municipalities.length > 0;
	},
	readOutbox: (actor: Actor) => holdsRegionRole(actor, 'platform_admin'),
	readJobs: (actor: Actor) => holdsRegionRole(actor, 'platform_admin')
};
