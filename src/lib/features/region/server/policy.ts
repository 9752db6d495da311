import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

/**
 * Self-government: a municipality's own data (contacts, Impressum and Datenschutz contacts,
 * inhabitants) is kept by its editors and admins. The platform admin may correct it; a
 * coordinator may not.
 */
export const regionPolicy = {
	editMunicipality: (actor: Actor, ags: string) =>
		holdsRegionRole(actor, 'platform_admin') || holdsMunicipalityRole(actor, ags, 'editor', 'municipality_admin'),
	/** The municipalities whose data the actor keeps; 'all' for the platform admin. */
	editableMunicipalities: (actor: Actor): string[] | 'all' =>
		holdsRegionRole(actor, 'platform_admin') ? 'all' : municipalitiesWhere(actor, 'editor', 'municipality_admin')
};
