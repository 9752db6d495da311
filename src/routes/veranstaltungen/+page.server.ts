import { db } from '#lib/server/runtime.ts';
import { readMunicipalityChoice } from '#lib/features/region/server/choice.ts';
import { listOccurrences } from '#lib/features/events/server/queries.ts';
import { presentOccurrence } from '#lib/features/events/server/presenter.ts';
import { readCalendarFilter } from '#lib/features/events/filters.ts';

const PAGE = 30;

/** The calendar of all seven municipalities: a list from now, or a day, week or month, filtered and paged. */
export const load = async ({ url }) => {
	const { municipality, choice } = await readMunicipalityChoice(db(), url.searchParams.get('kommune'));
	const c = readCalendarFilter(url, municipality);
	const cursor = /^(\d{4}-[\dT:.-]+Z)_(\d+)$/.exec(url.searchParams.get('nach') ?? '');
	const rows = await listOccurrences(db(), c.filter, c.range, PAGE + 1, cursor ? { at: new Date(cursor[1]), id: Number(cursor[2]) } : undefined);
	const page = rows.slice(0, PAGE);
	const last = page.at(-1);
	const next = new URLSearchParams(c.query);
	if (last) next.set('nach', `${last.startsAt.toISOString()}_${last.event.id}`);
	return {
		municipality: choice,
		view: c.view,
		form: c.form,
		period: c.period,
		selection: c.selection,
		query: c.query,
		previous: c.previous,
		following: c.next,
		occurrences: page.map(presentOccurrence),
		more: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(cursor)
	};
};
