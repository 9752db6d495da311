import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { presentStatistics, statisticsYear } from '#lib/features/reports/server/statistics.ts';

export const load = async ({ url, locals }) => {
	const actor = requireStaff(locals, url);
	const year = statisticsYear(url.searchParams.get('jahr'));
	try {
		return { year, stats: await presentStatistics(db(), actor, year, 'de') };
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, 'Die Statistik der Anliegen sehen Mitarbeitende einer Kommune.');
		throw e;
	}
};
