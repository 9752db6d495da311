import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { accountsPolicy } from '#lib/features/accounts/server/policy.ts';
import { auditPolicy } from '#lib/features/audit/server/policy.ts';
import { leitbildPolicy } from '#lib/features/leitbild/server/policy.ts';
import { regionPolicy } from '#lib/features/region/server/policy.ts';
import { reportsPolicy } from '#lib/features/reports/server/policy.ts';
import { cooperationPolicy } from '#lib/features/cooperation/server/policy.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { bundlingPolicy } from '#lib/features/bundling/server/policy.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { newsPolicy } from '#lib/features/news/server/policy.ts';
import { placesPolicy } from '#lib/features/places/server/policy.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';

/** The back office shows each person only the areas their roles open. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const editable = regionPolicy.editableMunicipalities(actor);
	const sections = [
		{ href: '/verwaltung', label: 'Übersicht' },
		...(reportsPolicy.inboxMunicipalities(actor).length ? [{ href: '/verwaltung/anliegen', label: 'Anliegen' }] : []),
		...(eventsPolicy.enterBackOffice(actor) ? [{ href: '/verwaltung/veranstaltungen', label: 'Veranstaltungen' }] : []),
		...(newsPolicy.enterBackOffice(actor) ? [{ href: '/verwaltung/nachrichten', label: 'Nachrichten' }] : []),
		...(placesPolicy.enterBackOffice(actor) ? [{ href: '/verwaltung/orte', label: 'Orte' }] : []),
		...(participationPolicy.enterBackOffice(actor) ? [{ href: '/verwaltung/beteiligung', label: 'Beteiligung' }] : []),
		...(cooperationPolicy.leadChoices(actor).length ? [{ href: '/verwaltung/kooperation', label: 'Gemeinsame Maßnahmen' }] : []),
		...(bodiesPolicy.enterBackOffice(actor) ? [{ href: '/verwaltung/gremien', label: 'Gremien' }] : []),
		...(bundlingPolicy.read(actor) ? [{ href: '/verwaltung/buendelung', label: 'Bündelung' }] : []),
		...(reportsPolicy.manageCategories(actor) ? [{ href: '/verwaltung/kategorien', label: 'Kategorien der Anliegen' }] : []),
		...(accountsPolicy.viewPeople(actor) ? [{ href: '/verwaltung/personen', label: 'Personen und Rollen' }] : []),
		...(editable === 'all' || editable.length ? [{ href: '/verwaltung/kommunen', label: 'Daten der Kommunen' }] : []),
		...(leitbildPolicy.edit(actor) ? [{ href: '/verwaltung/leitbild', label: 'Leitbild' }] : []),
		...(reportsPolicy.apiKeyScopes(actor).length ? [{ href: '/verwaltung/schnittstellen', label: 'Schnittstellen' }] : []),
		...(auditPolicy.read(actor) ? [{ href: '/verwaltung/protokoll', label: 'Protokoll' }] : []),
		...(accountsPolicy.readOutbox(actor) ? [{ href: '/verwaltung/postausgang', label: 'Postausgang' }] : []),
		...(accountsPolicy.readJobs(actor) ? [{ href: '/verwaltung/aufgaben', label: 'Hintergrundaufgaben' }] : [])
	];
	return { sections, staffName: actor.name };
};
