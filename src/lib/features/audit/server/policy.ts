import { holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

/**
 * Coordinators and platform admins read the whole log; a municipality admin reads the entries of
 * their municipality. Everyone else reads nothing.
 */
export const auditPolicy = {
	/** null: everything; a list: only these municipalities; an empty list: nothing. */
	readableMunicipalities(actor: Actor): string[] | null {
		if (holdsRegionRole(actor, 'coordinator', 'platform_admin')) return null;
		return municipalitiesWhere(actor, 'municipality_admin');
	},
	read(actor: Actor) {
		const scope = this.readableMunicipalities(actor);
		return scope === null || scope.length > 0;
	}
};
