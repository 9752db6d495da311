import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

/** The municipalities a measure concerns: its lead and its participants. */
export type MeasureScope = { leadAgs: string; participants: string[]; isPublic: boolean };

const steers = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/**
 * Joint measures belong to the cooperation: the coordination office steers all of them, the lead
 * municipality's staff run theirs, participating municipalities report on them, and everyone reads
 * what is public. Funding programmes are kept by the coordination office.
 */
export const cooperationPolicy = {
	read: (actor: Actor, m: MeasureScope) => m.isPublic || cooperationPolicy.readInternal(actor, m),
	/** Internal measures and the back-office view: coordination and the municipalities taking part. */
	readInternal: (actor: Actor, m: MeasureScope) =>
		steers(actor) || [m.leadAgs, ...m.participants].some((ags) => holdsMunicipalityRole(actor, ags, 'staff')),
	/** A new measure led by `leadAgs`. */
	create: (actor: Actor, leadAgs: string) => steers(actor) || holdsMunicipalityRole(actor, leadAgs, 'staff'),
	/** Content, status, progress, costs, milestones, documents, indicators and funding applications. */
	edit: (actor: Actor, m: MeasureScope) => steers(actor) || holdsMunicipalityRole(actor, m.leadAgs, 'staff'),
	/** Entries in the measure's log: every municipality taking part, and the coordination office. */
	addUpdate: (actor: Actor, m: MeasureScope) => cooperationPolicy.readInternal(actor, m),
	/** The municipalities an actor may name as lead of a new measure ('all' for the coordination office). */
	leadChoices: (actor: Actor): 'all' | string[] => (steers(actor) ? 'all' : municipalitiesWhere(actor, 'staff')),
	/** Municipalities whose internal measures the actor sees ('all' for the coordination office). */
	internalScope: (actor: Actor): 'all' | string[] => (steers(actor) ? 'all' : municipalitiesWhere(actor, 'staff')),
	manageProgrammes: (actor: Actor) => steers(actor),
	/** Indicators of a Leitziel belong to the whole cooperation. */
	manageGoalIndicators: (actor: Actor) => steers(actor)
};
