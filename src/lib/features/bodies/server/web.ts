import { error, fail } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { requireStaff } from '../../accounts/server/web.ts';
import { BodiesError, type PaperInput } from './service.ts';
import { paperTypes } from './tables.ts';
import { bodiesPolicy } from './policy.ts';

/** The back office of the bodies: the coordination office, and municipality admins for their seats. */
export function requireBodiesStaff(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!bodiesPolicy.enterBackOffice(actor)) error(403, 'Die Gremien pflegt die Koordinierungsstelle; die Administration einer Kommune benennt deren Vertretung.');
	return actor;
}

/** Runs a form's use case: German messages for refusals, 404/403 for the rest. */
export async function attempt(name: string, values: Record<string, string>, run: () => Promise<unknown>) {
	try {
		await run();
	} catch (e) {
		if (e instanceof BodiesError) return fail(400, { action: name, values, message: e.message, field: e.field });
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		if (e instanceof ForbiddenError) error(403, 'Das darf hier nur die Koordinierungsstelle oder die Administration der betroffenen Kommune.');
		throw e;
	}
	return { action: name, saved: true };
}

export const formValues = (data: FormData) => Object.fromEntries([...data].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 20_000)])) as Record<string, string>;
export const canManage = (actor: Actor) => bodiesPolicy.manage(actor);

/** A paper's form (create and edit): the input, or the field and German message of the first problem. */
export function readPaperForm(v: Record<string, string>): { input: PaperInput } | { field: string; message: string } {
	const reference = (v.reference ?? '').trim();
	const title = (v.title ?? '').trim();
	const text = (v.text ?? '').trim();
	if (!/^[\p{L}\d /.-]{2,40}$/u.test(reference)) return { field: 'reference', message: 'Bitte geben Sie ein Aktenzeichen an (z. B. BV 2026/001).' };
	if (title.length < 3 || title.length > 300) return { field: 'title', message: 'Bitte geben Sie einen Titel mit 3 bis 300 Zeichen an.' };
	if (text.length < 10 || text.length > 50_000) return { field: 'text', message: 'Bitte geben Sie den Text der Vorlage an (mindestens 10 Zeichen).' };
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v.paperDate ?? '') || Number.isNaN(Date.parse(v.paperDate))) return { field: 'paperDate', message: 'Bitte geben Sie das Datum der Vorlage an.' };
	const measures = (v.measures ?? '').split(/[\s,;]+/).filter(Boolean);
	if (measures.some((m) => !/^\d{1,9}$/.test(m))) return { field: 'measures', message: 'Bitte nennen Sie die Maßnahmen mit ihren Nummern, durch Komma getrennt.' };
	const paperType = (paperTypes as readonly string[]).includes(v.paperType) ? (v.paperType as PaperInput['paperType']) : 'resolution';
	return { input: { reference, title, paperType, originAgs: /^\d{8}$/.test(v.originAgs ?? '') ? v.originAgs : null, text, paperDate: v.paperDate, measureIds: measures.map(Number) } };
}
