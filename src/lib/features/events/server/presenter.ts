import { DateTime } from 'luxon';
import { TIMEZONE } from '../recurrence.ts';

/** The Berlin day an instant falls on, for grouping a list by day. */
export const berlinDay = (at: Date) => DateTime.fromJSDate(at, { zone: TIMEZONE }).toISODate()!;

/** An occurrence for the calendar's list: public fields only. */
export function presentOccurrence(o: {
	startsAt: Date;
	endsAt: Date;
	event: { id: number; title: string; allDay: boolean; locationName: string | null; address: string | null; categories: string[]; isFree: boolean; price: string | null; accessible: boolean; cancelled: boolean; thumbKey: string | null; rrule: string | null };
	municipalityName: string;
}) {
	return {
		id: o.event.id,
		title: o.event.title,
		startsAt: o.startsAt.toISOString(),
		endsAt: o.endsAt.toISOString(),
		day: berlinDay(o.startsAt),
		allDay: o.event.allDay,
		place: [o.event.locationName, o.event.address].filter(Boolean).join(', '),
		municipality: o.municipalityName,
		categories: o.event.categories,
		isFree: o.event.isFree,
		price: o.event.price,
		accessible: o.event.accessible,
		cancelled: o.event.cancelled,
		recurring: Boolean(o.event.rrule),
		thumb: o.event.thumbKey ? `/veranstaltungen/${o.event.id}/bild?klein` : null
	};
}
export type PresentedOccurrence = ReturnType<typeof presentOccurrence>;

type OccurrenceRow = Parameters<typeof presentOccurrence>[0] & { municipalityAgs: string };

/** An occurrence in the open data (API, downloads): no contact, no organiser account. */
export function occurrenceRecord(o: OccurrenceRow, origin: string) {
	return {
		event: o.event.id,
		title: o.event.title,
		start: o.startsAt.toISOString(),
		end: o.endsAt.toISOString(),
		allDay: o.event.allDay,
		recurring: Boolean(o.event.rrule),
		cancelled: o.event.cancelled,
		place: [o.event.locationName, o.event.address].filter(Boolean).join(', ') || null,
		municipality: o.municipalityAgs,
		categories: o.event.categories,
		free: o.event.isFree,
		price: o.event.price,
		accessible: o.event.accessible,
		url: `${origin}/veranstaltungen/${o.event.id}`,
		ics: `${origin}/veranstaltungen/${o.event.id}/kalender.ics`
	};
}
export type OccurrenceRecord = ReturnType<typeof occurrenceRecord>;
