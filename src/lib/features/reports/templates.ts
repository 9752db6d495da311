import type { ReportStatus } from './server/tables.ts';

/**
 * Textbausteine for public status messages. Staff pick one and adapt it; they are generic on
 * purpose (no place or body named), so any cooperation can use them as they are.
 */
export const responseTemplates: { id: string; status: ReportStatus; title: string; text: string }[] = [
	{ id: 'pruefung', status: 'reviewing', title: 'Wird geprüft', text: 'Vielen Dank für Ihre Meldung. Wir prüfen den Sachverhalt und melden uns, sobald wir mehr wissen.' },
	{ id: 'beauftragt', status: 'in_progress', title: 'Bauhof beauftragt', text: 'Wir haben den Bauhof mit der Beseitigung beauftragt.' },
	{ id: 'termin', status: 'in_progress', title: 'Dauert länger', text: 'Die Beseitigung erfordert eine Fachfirma. Das kann einige Wochen dauern; wir bitten um Geduld.' },
	{ id: 'erledigt', status: 'done', title: 'Erledigt', text: 'Das Problem ist behoben. Vielen Dank für Ihren Hinweis!' },
	{ id: 'privat', status: 'rejected', title: 'Privatgrund', text: 'Die Stelle liegt auf einem Privatgrundstück. Hier kann die Kommune nicht tätig werden; bitte wenden Sie sich an die Eigentümer.' },
	{ id: 'doppelt', status: 'rejected', title: 'Bereits gemeldet', text: 'Dieses Problem ist bereits gemeldet und in Bearbeitung. Den Stand sehen Sie beim ersten Anliegen.' },
	{ id: 'zustaendig', status: 'forwarded', title: 'Andere Stelle zuständig', text: 'Zuständig ist eine andere Stelle. Wir haben Ihr Anliegen dorthin weitergeleitet.' }
];
