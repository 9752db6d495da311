import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { newsPolicy } from '#lib/features/news/server/policy.ts';
import { listForEditing } from '#lib/features/news/server/queries.ts';
import { newsStatuses, type NewsStatus } from '#lib/features/news/server/tables.ts';

/** The news of the actor's municipalities (and of the region for the coordination office): drafts first. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!newsPolicy.enterBackOffice(actor)) error(403, 'Nachrichten schreiben die Redaktionen der Kommunen.');
	const status = (newsStatuses as readonly string[]).includes(url.searchParams.get('status') ?? '') ? (url.searchParams.get('status') as NewsStatus) : undefined;
	const rows = await listForEditing(db(), newsPolicy.writable(actor), status, 100);
	const now = Date.now();
	return {
		status: status ?? '',
		items: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, scheduled: r.status === 'published' && r.publishAt !== null && r.publishAt.getTime() > now, publishAt: r.publishAt?.toISOString() ?? null, municipalityName: r.municipalityName }))
	};
};
