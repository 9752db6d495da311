import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import * as queries from '#lib/features/participation/server/queries.ts';
import { presentProcess } from '#lib/features/participation/server/web.ts';
import { municipalitiesWhere } from '#lib/server/actor.ts';

const PAGE = 50;

/** The processes the actor runs, answers or moderates, drafts included; the moderation queue's size. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!participationPolicy.enterBackOffice(actor)) error(403, 'Beteiligungsverfahren betreuen Redaktion, Verwaltung und Moderation der Kommunen und die Koordinierungsstelle.');
	const creatable = participationPolicy.creatable(actor);
	const owners = creatable === 'all' ? 'all' : municipalitiesWhere(actor, 'editor', 'staff', 'moderator');
	const beforeId = Number(url.searchParams.get('vor')) || undefined;
	const rows = await queries.listProcesses(db(), { publishedOnly: false, owners, beforeId, limit: PAGE + 1 });
	const phases = await queries.phasesOf(
		db(),
		rows.map((r) => r.process.id)
	);
	const queue = await queries.openFlags(db(), participationPolicy.moderated(actor), 500);
	return {
		processes: rows.slice(0, PAGE).map((r) => ({ ...presentProcess(r, phases.filter((p) => p.processId === r.process.id)), manage: participationPolicy.manage(actor, r.process.ownerAgs) })),
		next: rows.length > PAGE ? `?vor=${rows[PAGE - 1].process.id}` : null,
		canCreate: creatable === 'all' || creatable.length > 0,
		canModerate: participationPolicy.moderated(actor) === 'all' || participationPolicy.moderated(actor).length > 0,
		flagged: queue.length
	};
};
