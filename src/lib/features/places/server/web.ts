import { error, fail } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { readPlaceForm } from '../schemas.ts';
import { PlaceError } from './service.ts';

export async function readPlaceRequest(request: Request) {
	const data = await request.formData();
	const values = Object.fromEntries([...data].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 20_000)])) as Record<string, string>;
	const file = data.get('image');
	const image = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
	return { values, read: readPlaceForm(values), image };
}

export async function attemptPlace<T>(values: Record<string, string>, run: () => Promise<T>) {
	try {
		return { ok: true as const, result: await run() };
	} catch (e) {
		if (e instanceof PlaceError) return { ok: false as const, failure: fail(400, { values, errors: { [e.field]: e.message } }) };
		if (e instanceof NotFoundError) error(404, 'Diesen Ort gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Die Orte einer Kommune pflegt ihre Redaktion.');
		throw e;
	}
}
