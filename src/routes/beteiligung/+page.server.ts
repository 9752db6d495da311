import { db } from '#lib/server/runtime.ts';
import { listPublicProcesses } from '#lib/features/participation/server/service.ts';
import { presentProcess } from '#lib/features/participation/server/web.ts';

const PAGE = 50;

/** Published processes: running ones first, then upcoming, then finished. */
export const load = async ({ url }) => {
	const beforeId = Number(url.searchParams.get('vor')) || undefined;
	const rows = await listPublicProcesses(db(), PAGE + 1, beforeId);
	const now = new Date();
	const processes = rows.slice(0, PAGE).map((r) => presentProcess(r, r.phases, now));
	return {
		open: processes.filter((p) => p.state === 'open'),
		upcoming: processes.filter((p) => p.state === 'upcoming'),
		finished: processes.filter((p) => p.state === 'finished'),
		next: rows.length > PAGE ? `?vor=${rows[PAGE - 1].process.id}` : null,
		paged: Boolean(beforeId)
	};
};
