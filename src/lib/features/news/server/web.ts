import { error, fail } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { readNewsForm } from '../schemas.ts';
import { NewsError } from './service.ts';
import type { NewsRow } from './queries.ts';
import type { Db } from '#lib/server/db/client.ts';
import type { Actor } from '#lib/server/actor.ts';
import { listMunicipalities } from '../../region/server/queries.ts';
import { newsPolicy } from './policy.ts';

/** The news form as posted: text fields and the image, if any. */
export async function readNewsRequest(request: Request) {
	const data = await request.formData();
	const values = Object.fromEntries([...data].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 25_000)])) as Record<string, string>;
	const file = data.get('image');
	const image = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
	return { values, read: readNewsForm(values), image };
}

export async function attemptNews<T>(values: Record<string, string>, run: () => Promise<T>) {
	try {
		return { ok: true as const, result: await run() };
	} catch (e) {
		if (e instanceof NewsError) return { ok: false as const, failure: fail(400, { values, errors: { [e.field]: e.message } }) };
		if (e instanceof NotFoundError) error(404, 'Diese Nachricht gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Nachrichten schreibt die Redaktion der jeweiligen Kommune, die der Region die Koordinierungsstelle.');
		throw e;
	}
}

/** A news item as the form's strings (publish time in Berlin). */
export function newsFormValues(n: NewsRow): Record<string, string> {
	const at = n.publishAt ? DateTime.fromJSDate(n.publishAt, { zone: 'Europe/Berlin' }) : null;
	return {
		title: n.title,
		teaser: n.teaser,
		body: n.body,
		author: n.author,
		status: n.status,
		municipalityAgs: n.municipalityAgs ?? '',
		publishDay: at?.toISODate() ?? '',
		publishTime: at?.toFormat('HH:mm') ?? '',
		imageAlt: n.imageAlt ?? ''
	};
}

/** Where the actor writes: the region (coordination office) and their municipalities. */
export async function newsPlaces(db: Db, actor: Actor) {
	const scope = newsPolicy.writable(actor);
	const members = (await listMunicipalities(db)).filter((m) => scope === 'all' || scope.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name }));
	return [...(scope === 'all' ? [{ ags: '', name: 'Region (alle Kommunen)' }] : []), ...members];
}
