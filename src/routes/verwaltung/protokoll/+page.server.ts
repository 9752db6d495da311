import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { berlinStartOfDay } from '#lib/server/time.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { auditPolicy } from '#lib/features/audit/server/policy.ts';
import { listAuditActions, listAuditLog } from '#lib/features/audit/server/service.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

const PAGE = 50;
const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!auditPolicy.read(actor)) error(403, 'Das Protokoll lesen Administratoren der Kommunen und die Koordinierungsstelle.');
	const q = url.searchParams;
	const readable = auditPolicy.readableMunicipalities(actor);
	const filter = {
		municipality: /^\d{8}$/.test(q.get('kommune') ?? '') ? q.get('kommune')! : undefined,
		action: q.get('aktion')?.slice(0, 60) || undefined,
		actor: q.get('person')?.trim().slice(0, 80) || undefined,
		from: isoDate(q.get('von')),
		until: isoDate(q.get('bis'))
	};
	const beforeId = Number(q.get('vor')) || undefined;
	const [events, actions, municipalities] = await Promise.all([
		listAuditLog(db(), actor, {
			...filter,
			from: filter.from ? berlinStartOfDay(filter.from) : undefined,
			// up to the end of the chosen day
			until: filter.until ? berlinStartOfDay(new Date(Date.parse(filter.until) + 86_400_000).toISOString().slice(0, 10)) : undefined,
			beforeId,
			limit: PAGE + 1
		}),
		listAuditActions(db()),
		regionQueries.listMunicipalities(db())
	]);
	const next = events.length > PAGE ? events[PAGE - 1].id : undefined;
	// Paging keeps the filters: the same query with another keyset position.
	const params = new URLSearchParams(url.search);
	params.delete('vor');
	const newestHref = `?${params}`;
	if (next) params.set('vor', String(next));
	return {
		newestHref,
		nextHref: next ? `?${params}` : undefined,
		events: events.slice(0, PAGE),
		filter,
		actions,
		municipalities: municipalities.filter((m) => readable === null || readable.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })),
		isFirstPage: !beforeId
	};
};
