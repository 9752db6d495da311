import { db } from '#lib/server/runtime.ts';
import { presentStatistics, statisticsYear } from '#lib/features/reports/server/statistics.ts';

export const load = async ({ url, locals }) => {
	const year = statisticsYear(url.searchParams.get('jahr'));
	const current = new Date().getFullYear();
	return { year, years: Array.from({ length: Math.min(6, current - 2025 + 1) }, (_, i) => current - i), stats: await presentStatistics(db(), null, year, locals.locale) };
};
