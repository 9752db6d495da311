import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

/**
 * Anliegen are municipal business: the staff of the responsible municipality process them,
 * municipalities that were responsible before keep reading their history. Coordinators see the
 * public side and the statistics like everyone; a report's reporter is never shown to them.
 */
export const reportsPolicy = {
	/** Anyone may report; a guest confirms by e-mail, which the service asks for. */
	create: () => true,
	/** Reports taken by phone or at the counter, entered for a municipality. */
	enterOnBehalf: (actor: Actor, ags: string) => holdsMunicipalityRole(actor, ags, 'staff'),
	process: (actor: Actor, ags: string) => holdsMunicipalityRole(actor, ags, 'staff'),
	/** Internal view (original text, reporter, notes): responsible now or before. */
	readInternal: (actor: Actor, ags: string, formerAgs: string[]) =>
		holdsMunicipalityRole(actor, ags, 'staff') || formerAgs.some((a) => holdsMunicipalityRole(actor, a, 'staff')),
	/** The municipalities whose reports appear in the actor's inbox. */
	inboxMunicipalities: (actor: Actor) => municipalitiesWhere(actor, 'staff'),
	/** The categories are the cooperation's: its coordinators and the platform admin keep them. */
	manageCategories: (actor: Actor) => holdsRegionRole(actor, 'platform_admin', 'coordinator'),
	/** Open311 API keys: the platform admin for any scope, a municipality admin for their own. */
	manageApiKeys: (actor: Actor, ags: string | null) =>
		holdsRegionRole(actor, 'platform_admin') || (ags !== null && holdsMunicipalityRole(actor, ags, 'municipality_admin')),
	/** Where the actor may issue keys: every scope (the region included) or their municipalities. */
	apiKeyScopes: (actor: Actor): 'all' | string[] => (holdsRegionRole(actor, 'platform_admin') ? 'all' : municipalitiesWhere(actor, 'municipality_admin'))
};
