import { DateTime } from 'luxon';
import { isEventCategory, type EventCategory } from './categories.ts';
import { TIMEZONE } from './recurrence.ts';

export const calendarViews = ['liste', 'tag', 'woche', 'monat'] as const;
export type CalendarView = (typeof calendarViews)[number];

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: TIMEZONE }).isValid ? DateTime.fromISO(v, { zone: TIMEZONE }) : null);

/**
 * The calendar's selection from the address: `ansicht` (liste, tag, woche, monat) with `datum`,
 * or for the list `von`/`bis`; `kategorie`, `kostenlos`, `barrierefrei`; the member `kommune` names is
 * looked up by the caller (`readMunicipalityChoice`). Anything unknown is ignored, so old links keep working.
 */
export function readCalendarFilter<M extends { slug: string; ags: string }>(url: URL, municipality: M | undefined, now = new Date()) {
	const p = url.searchParams;
	const view: CalendarView = (calendarViews as readonly string[]).includes(p.get('ansicht') ?? '') ? (p.get('ansicht') as CalendarView) : 'liste';
	const today = DateTime.fromJSDate(now, { zone: TIMEZONE }).startOf('day');
	const anchor = day(p.get('datum')) ?? today;
	const category = p.get('kategorie') ?? '';
	const filter = {
		ags: municipality?.ags,
		category: isEventCategory(category) ? (category as EventCategory) : undefined,
		free: p.get('kostenlos') === '1' || undefined,
		accessible: p.get('barrierefrei') === '1' || undefined
	};
	let from: DateTime;
	let to: DateTime | undefined;
	let step: { days?: number; weeks?: number; months?: number } | null = null;
	const von = day(p.get('von'));
	const bis = day(p.get('bis'));
	if (view === 'tag') [from, to, step] = [anchor, anchor.plus({ days: 1 }), { days: 1 }];
	else if (view === 'woche') [from, to, step] = [anchor.startOf('week'), anchor.startOf('week').plus({ weeks: 1 }), { weeks: 1 }];
	else if (view === 'monat') [from, to, step] = [anchor.startOf('month'), anchor.startOf('month').plus({ months: 1 }), { months: 1 }];
	else {
		// the list runs from now (or `von`) onwards, up to the end of `bis`
		from = von ?? DateTime.fromJSDate(now, { zone: TIMEZONE });
		to = bis ? bis.plus({ days: 1 }) : undefined;
		if (to && to <= from) to = from.plus({ days: 1 });
	}
	const selection: [string, string][] = [
		...(municipality ? [['kommune', municipality.slug] as [string, string]] : []),
		...(filter.category ? [['kategorie', filter.category] as [string, string]] : []),
		...(filter.free ? [['kostenlos', '1'] as [string, string]] : []),
		...(filter.accessible ? [['barrierefrei', '1'] as [string, string]] : [])
	];
	const range: [string, string][] = view === 'liste' ? [...(von ? [['von', von.toISODate()!] as [string, string]] : []), ...(bis ? [['bis', bis.toISODate()!] as [string, string]] : [])] : [['ansicht', view], ['datum', anchor.toISODate()!]];
	const link = (anchorDay: DateTime) => new URLSearchParams([['ansicht', view], ['datum', anchorDay.toISODate()!], ...selection]).toString();
	return {
		filter,
		municipality,
		view,
		range: { from: from.toJSDate(), to: to?.toJSDate() },
		/** The selection without range or page: for the feed links and the view switch. */
		selection: new URLSearchParams(selection).toString(),
		/** Selection and range: the page's own address without the page cursor. */
		query: new URLSearchParams([...range, ...selection]).toString(),
		previous: step ? link(anchor.minus(step)) : null,
		next: step ? link(anchor.plus(step)) : null,
		form: { kommune: municipality?.slug ?? '', kategorie: filter.category ?? '', kostenlos: Boolean(filter.free), barrierefrei: Boolean(filter.accessible), von: von?.toISODate() ?? '', bis: bis?.toISODate() ?? '', datum: anchor.toISODate()! },
		period: { from: from.toISODate()!, to: to ? to.minus({ days: 1 }).toISODate()! : null }
	};
}
