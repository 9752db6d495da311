import { holdsMunicipalityRole, holdsRegionRole, municipalitiesWhere, type Actor } from '#lib/server/actor.ts';

const office = (actor: Actor) => holdsRegionRole(actor, 'coordinator', 'platform_admin');

/**
 * Events: a municipality's editors publish its events directly and review what its organisers
 * (clubs, with a role an editor grants) submit; the coordination office helps everywhere.
 * Organisers change their own events until an editor has published them.
 */
export const eventsPolicy = {
	publish: (actor: Actor, ags: string) => office(actor) || holdsMunicipalityRole(actor, ags, 'editor'),
	/** The municipalities whose events the actor publishes ('all' for the coordination office). */
	publishable: (actor: Actor): 'all' | string[] => (office(actor) ? 'all' : municipalitiesWhere(actor, 'editor')),
	submit: (actor: Actor, ags: string) => holdsMunicipalityRole(actor, ags, 'organiser'),
	submittable: (actor: Actor) => municipalitiesWhere(actor, 'organiser'),
	/** An organiser's own event before it is published (or after it was returned). */
	editOwn: (actor: Actor, e: { submittedBy: string | null; status: string }) => Boolean(actor.id) && e.submittedBy === actor.id && (e.status === 'submitted' || e.status === 'returned'),
	/** The calendar's back office. */
	enterBackOffice: (actor: Actor) => office(actor) || municipalitiesWhere(actor, 'editor').length > 0
};
