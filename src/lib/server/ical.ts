import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';

/**
 * iCalendar (RFC 5545) for the whole platform: invitations to meetings and the event calendar's
 * feeds. Times are written in Europe/Berlin with its VTIMEZONE, so calendar programs show
 * them right on both sides of a change of the clocks.
 */
export const TIMEZONE = 'Europe/Berlin';

export function newCalendar(opts: { name: string; method?: 'request' | 'cancel' | 'publish' }): ICalCalendar {
	return ical({
		name: opts.name,
		prodId: { company: 'Partheland', product: 'Plattform', language: 'DE' },
		timezone: { name: TIMEZONE, generator: getVtimezoneComponent },
		method: opts.method === 'request' ? ICalCalendarMethod.REQUEST : opts.method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH
	});
}

export type CalendarEvent = {
	/** Stable across changes: the same UID updates the entry in the recipient's calendar. */
	uid: string;
	sequence: number;
	start: Date;
	end: Date;
	summary: string;
	description?: string;
	location?: string | null;
	url?: string;
	cancelled?: boolean;
	organizer?: { name: string; email: string };
	attendees?: { name: string; email: string }[];
	/** Whole days: DTSTART/DTEND as dates, `end` exclusive (midnight after the last day). */
	allDay?: boolean;
	/** Repetition: the RRULE value as stored, occurrences left out and added (their start instants). */
	recurrence?: { rrule: string; exceptions: Date[]; additions: Date[] };
	categories?: string[];
	lastModified?: Date;
	geo?: { lat: number; lon: number };
};

const berlinStamp = (at: Date, allDay: boolean) => DateTime.fromJSDate(at, { zone: TIMEZONE }).toFormat(allDay ? 'yyyyMMdd' : "yyyyMMdd'T'HHmmss");

/** RRULE, EXDATE and RDATE lines, in Berlin time like DTSTART (RFC 5545 3.8.5). */
function recurrenceLines(r: NonNullable<CalendarEvent['recurrence']>, allDay: boolean) {
	const dates = (name: string, list: Date[]) =>
		list.length ? [`${name}${allDay ? ';VALUE=DATE' : `;TZID=${TIMEZONE}`}:${list.map((d) => berlinStamp(d, allDay)).join(',')}`] : [];
	return [`RRULE:${r.rrule}`, ...dates('EXDATE', r.exceptions), ...dates('RDATE', r.additions)].join('\n');
}

export function addEvent(calendar: ICalCalendar, e: CalendarEvent) {
	calendar.createEvent({
		id: e.uid,
		sequence: e.sequence,
		// a plain Date would be written in the server's own zone; luxon gives the Berlin wall-clock time
		start: DateTime.fromJSDate(e.start, { zone: TIMEZONE }),
		end: DateTime.fromJSDate(e.end, { zone: TIMEZONE }),
		timezone: TIMEZONE,
		allDay: e.allDay ?? false,
		repeating: e.recurrence ? recurrenceLines(e.recurrence, e.allDay ?? false) : null,
		categories: e.categories?.map((name) => ({ name })),
		lastModified: e.lastModified ? DateTime.fromJSDate(e.lastModified, { zone: 'UTC' }) : null,
		summary: e.summary,
		description: e.description,
		location: e.location ? (e.geo ? { title: e.location, geo: e.geo } : e.location) : undefined,
		url: e.url,
		status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
		organizer: e.organizer,
		attendees: e.attendees?.map((a) => ({ name: a.name, email: a.email, rsvp: true }))
	});
	return calendar;
}

/**
 * The calendar as text. ical-generator writes DTSTAMP in the calendar's zone without "Z"; RFC 5545
 * (3.8.7.2) wants it in UTC, which strict clients check, so it is written here in UTC.
 */
export function calendarText(calendar: ICalCalendar, stamp = new Date()) {
	const utc = stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
	return calendar.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${utc}`);
}
