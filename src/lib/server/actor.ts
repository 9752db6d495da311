/**
 * Who is acting. Accounts and role grants come with the accounts module; until then the only
 * actors are the system (start-up, import commands) and operators on the command line.
 * A grant is a role in a scope: one municipality (by AGS) or the whole region.
 */
export type Role = 'staff' | 'editor' | 'municipality_admin' | 'coordinator' | 'platform_admin';
export type Grant = { role: Role; scope: { region: true } | { municipality: string } };
export type Actor = { kind: 'system' | 'operator' | 'user'; name: string; grants: Grant[] };

export const systemActor: Actor = { kind: 'system', name: 'System', grants: [{ role: 'platform_admin', scope: { region: true } }] };

export function holdsRegionRole(actor: Actor, ...roles: Role[]) {
	return actor.grants.some((g) => 'region' in g.scope && roles.includes(g.role));
}

export class ForbiddenError extends Error {
	constructor(message = 'Dazu fehlt Ihnen die Berechtigung.') {
		super(message);
	}
}
export class NotFoundError extends Error {}
