import { error, fail } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { requireStaff } from '../../accounts/server/web.ts';
import { BodiesError } from './service.ts';
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
