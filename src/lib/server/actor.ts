/**
 * Who is acting, and with which grants. A grant is a role in a scope: one municipality (by AGS)
 * or the whole region. Roles are registered here; modules add their own (organiser, moderator,
 * voter, API client) to `roles` in the same shape.
 */
export type Scope = { region: true } | { municipality: string };
export type Grant = { role: Role; scope: Scope };
export type Actor = {
	kind: 'guest' | 'system' | 'operator' | 'user';
	/** The account id for signed-in users. */
	id?: string;
	name: string;
	email?: string;
	emailVerified?: boolean;
	grants: Grant[];
};

type RoleDefinition = {
	/** Where the role can be granted. */
	scope: 'municipality' | 'region';
	/** Roles this one includes (an editor is also staff). */
	includes: readonly string[];
};

export const roles = {
	staff: { scope: 'municipality', includes: [] },
	editor: { scope: 'municipality', includes: ['staff'] },
	municipality_admin: { scope: 'municipality', includes: ['editor', 'staff'] },
	coordinator: { scope: 'region', includes: [] },
	platform_admin: { scope: 'region', includes: [] },
	/** A club or organiser who submits events of a municipality for its editors to approve; no back office. */
	organiser: { scope: 'municipality', includes: [] },
	/** Moderates the participation processes of a municipality: hides and restores contributions. */
	moderator: { scope: 'municipality', includes: [] }
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as Role[];

export const guestActor: Actor = { kind: 'guest', name: 'Gast', grants: [] };
export const systemActor: Actor = { kind: 'system', name: 'System', grants: [{ role: 'platform_admin', scope: { region: true } }] };

/** The roles a grant confers, with everything it includes. */
function expand(role: Role): Role[] {
	return [role, ...(roles[role].includes as readonly Role[])];
}

export function holdsRegionRole(actor: Actor, ...wanted: Role[]) {
	return actor.grants.some((g) => 'region' in g.scope && expand(g.role).some((r) => wanted.includes(r)));
}

/** Whether the actor holds one of `wanted` in municipality `ags` (region-wide roles do not count). */
export function holdsMunicipalityRole(actor: Actor, ags: string, ...wanted: Role[]) {
	return actor.grants.some(
		(g) => 'municipality' in g.scope && g.scope.municipality === ags && expand(g.role).some((r) => wanted.includes(r))
	);
}

/** The municipalities (AGS) in which the actor holds at least one of `wanted`. */
export function municipalitiesWhere(actor: Actor, ...wanted: Role[]) {
	const ags = actor.grants
		.filter((g) => 'municipality' in g.scope && expand(g.role).some((r) => wanted.includes(r)))
		.map((g) => (g.scope as { municipality: string }).municipality);
	return [...new Set(ags)];
}

/** Whether the back office has anything for this actor (organisers submit from the public side). */
export function isStaffAnywhere(actor: Actor) {
	return actor.grants.some((g) => g.role !== 'organiser');
}

/** For the audit log: the strongest role the actor holds for a scope, as "role@scope". */
export function describeRole(actor: Actor, municipality?: string | null) {
	const order: Role[] = ['platform_admin', 'coordinator', 'municipality_admin', 'editor', 'staff'];
	for (const role of order) {
		const grant = actor.grants.find(
			(g) => g.role === role && ('region' in g.scope || (municipality != null && g.scope.municipality === municipality))
		);
		if (grant) return `${role}@${'region' in grant.scope ? 'region' : grant.scope.municipality}`;
	}
	return actor.kind === 'user' ? 'citizen' : actor.kind;
}

export class ForbiddenError extends Error {
	constructor(message = 'Dazu fehlt Ihnen die Berechtigung.') {
		super(message);
	}
}
export class NotFoundError extends Error {}
