import type { Db } from '#lib/server/db/client.ts';
import type { Actor } from '#lib/server/actor.ts';
import { pick, type Locale } from '#lib/i18n/index.ts';
import { regionQueries } from '../../region/server/index.ts';
import { listActiveCategories } from './categories.ts';
import { publicStatisticsForYear, reportStatisticsForYear } from './service.ts';

/** Municipalities shown by name in the table; a national installation lists those with the most reports. */
export const STATISTICS_MUNICIPALITIES = 100;

/**
 * The statistics of a year with names instead of codes, ready for the tables: public (from the
 * snapshot, with its time) or the back office's own municipalities (live).
 */
export async function presentStatistics(db: Db, actor: Actor | null, year: number, locale: Locale) {
	const [stats, categories] = await Promise.all([
		actor ? reportStatisticsForYear(db, actor, year).then((s) => ({ ...s, computedAt: null })) : publicStatisticsForYear(db, year),
		listActiveCategories(db)
	]);
	const shown = stats.byMunicipality.toSorted((a, b) => b.reports - a.reports).slice(0, STATISTICS_MUNICIPALITIES);
	const municipalities = await regionQueries.municipalityNamesOf(db, shown.map((r) => r.municipality!));
	const municipalityName = new Map(municipalities.map((m) => [m.ags, m.name]));
	const categoryName = new Map(categories.map((c) => [c.category.code, pick(c.category.name, locale).text]));
	const monthName = (month: string) => new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));
	return {
		total: stats.total,
		computedAt: stats.computedAt,
		byMonth: stats.byMonth.map((r) => ({ ...r, label: monthName(r.month!) })),
		byMunicipality: shown
			.map((r) => ({ ...r, label: municipalityName.get(r.municipality!) ?? r.municipality! }))
			.sort((a, b) => a.label.localeCompare(b.label, 'de')),
		municipalitiesWithReports: stats.byMunicipality.length,
		byCategory: stats.byCategory.map((r) => ({ ...r, label: categoryName.get(r.category!) ?? r.category! })).sort((a, b) => b.reports - a.reports)
	};
}

/** The year asked for in the address bar, within a sensible range; else the current one. */
export function statisticsYear(param: string | null, now = new Date()) {
	const current = now.getFullYear();
	const year = Number(param);
	return Number.isInteger(year) && year >= 2020 && year <= current ? year : current;
}
