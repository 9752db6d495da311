import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { eventCategories, eventCategoryKeys, type EventCategory } from '../categories.ts';
import { MAX_EVENT_DAYS, normaliseRule, RecurrenceError, TIMEZONE } from '../recurrence.ts';

/** At most this many events are taken from one file. */
export const MAX_IMPORTED_EVENTS = 2000;

/** An event read from an external calendar, in the platform's terms. */
export type ImportedEvent = {
	uid: string;
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	allDay: boolean;
	rrule: string | null;
	exceptions: string[];
	additions: string[];
	locationName: string | null;
	point: { lat: number; lon: number } | null;
	categories: EventCategory[];
	registrationUrl: string | null;
	cancelled: boolean;
	/** Changes when anything of the entry changes: only then is the stored event updated. */
	fingerprint: string;
};

export class CalendarFileError extends Error {}

const byName = new Map<string, EventCategory>(eventCategoryKeys.flatMap((k) => [[k, k] as const, [eventCategories[k].de.toLowerCase(), k] as const, [eventCategories[k].en.toLowerCase(), k] as const]));

const berlinDay = (t: ICAL.Time) => (t.isDate ? `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}` : DateTime.fromJSDate(instant(t), { zone: TIMEZONE }).toISODate()!);

/** A time of the file as an instant: zoned times by their zone, UTC as such, floating and dates in Berlin. */
function instant(t: ICAL.Time): Date {
	if (t.isDate) return DateTime.fromObject({ year: t.year, month: t.month, day: t.day }, { zone: TIMEZONE }).toJSDate();
	const zone = t.zone?.tzid;
	if (zone === 'UTC' || zone === 'Z') return t.toJSDate();
	// a zone the file defines (registered below) converts itself; unknown or floating times are Berlin's
	if (zone && zone !== 'floating' && ICAL.TimezoneService.has(zone)) return t.toJSDate();
	return DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, { zone: TIMEZONE }).toJSDate();
}

/**
 * Reads an iCalendar file. A file that is not iCalendar at all is refused as a whole; a single
 * entry that cannot be used (no UID, no start, a rule finer than daily) is skipped and named in
 * `problems`. Overrides of single occurrences (RECURRENCE-ID) are not taken over.
 */
export function parseCalendar(text: string, defaults: { category: EventCategory }): { events: ImportedEvent[]; problems: string[] } {
	let root: ICAL.Component;
	try {
		const parsed = ICAL.parse(text);
		root = new ICAL.Component(parsed);
	} catch {
		throw new CalendarFileError('Die Datei ist kein lesbarer iCalendar-Kalender.');
	}
	if (root.name !== 'vcalendar') throw new CalendarFileError('Die Datei enthält keinen Kalender (VCALENDAR).');
	for (const zone of root.getAllSubcomponents('vtimezone')) {
		try {
			ICAL.TimezoneService.register(zone);
		} catch {
			// a broken zone definition: its times count as Berlin's
		}
	}
	const problems: string[] = [];
	const events: ImportedEvent[] = [];
	const seen = new Set<string>();
	for (const component of root.getAllSubcomponents('vevent')) {
		if (events.length >= MAX_IMPORTED_EVENTS) {
			problems.push(`Mehr als ${MAX_IMPORTED_EVENTS} Termine: der Rest wurde nicht übernommen.`);
			break;
		}
		if (component.hasProperty('recurrence-id')) continue;
		const e = new ICAL.Event(component);
		const title = String(e.summary ?? '').trim().slice(0, 200);
		const uid = String(e.uid ?? '').trim().slice(0, 500);
		if (!uid || !title || !e.startDate) {
			problems.push(`Ein Eintrag ohne UID, Titel oder Beginn wurde übersprungen${title ? ` („${title}“)` : ''}.`);
			continue;
		}
		if (seen.has(uid)) continue;
		seen.add(uid);
		const allDay = e.startDate.isDate;
		const startsAt = instant(e.startDate);
		let endsAt = e.endDate ? instant(e.endDate) : allDay ? DateTime.fromJSDate(startsAt, { zone: TIMEZONE }).plus({ days: 1 }).toJSDate() : new Date(startsAt.getTime() + 2 * 3_600_000);
		if (endsAt < startsAt) endsAt = startsAt;
		if (endsAt.getTime() - startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000) {
			problems.push(`„${title}“ dauert länger als ${MAX_EVENT_DAYS} Tage und wurde übersprungen.`);
			continue;
		}
		let rrule: string | null = null;
		const rule = component.getFirstPropertyValue('rrule');
		if (rule) {
			try {
				rrule = normaliseRule(String(rule));
			} catch (error) {
				if (!(error instanceof RecurrenceError)) throw error;
				problems.push(`„${title}“ hat eine Wiederholungsregel, die nicht angenommen wird (${String(rule).slice(0, 80)}), und wurde übersprungen.`);
				continue;
			}
		}
		const dates = (name: string) =>
			component
				.getAllProperties(name)
				.flatMap((p) => p.getValues())
				.filter((v): v is ICAL.Time => v instanceof ICAL.Time)
				.map(berlinDay);
		const categories = [
			...new Set(
				component
					.getAllProperties('categories')
					.flatMap((p) => p.getValues())
					.map((v) => byName.get(String(v).trim().toLowerCase()))
					.filter((v): v is EventCategory => Boolean(v))
			)
		];
		const geo = component.getFirstPropertyValue('geo') as unknown as [number, number] | null;
		const url = String(component.getFirstPropertyValue('url') ?? '');
		events.push({
			uid,
			title,
			// the text is kept as text: Markdown characters in it are escaped
			description: markdownEscape(String(e.description ?? '').slice(0, 10_000)) || title,
			startsAt,
			endsAt,
			allDay,
			rrule,
			exceptions: rrule ? [...new Set(dates('exdate'))].sort() : [],
			additions: rrule ? [...new Set(dates('rdate'))].sort() : [],
			locationName: String(e.location ?? '').trim().slice(0, 200) || null,
			point: Array.isArray(geo) && geo.length === 2 && Number.isFinite(Number(geo[0])) && Number.isFinite(Number(geo[1])) ? { lat: Number(geo[0]), lon: Number(geo[1]) } : null,
			categories: categories.length ? categories : [defaults.category],
			registrationUrl: /^https?:\/\/\S+$/i.test(url) ? url.slice(0, 500) : null,
			cancelled: String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
			fingerprint: component.toString()
		});
	}
	return { events, problems };
}

/** Text from elsewhere, shown as written: characters Markdown would interpret are escaped. */
function markdownEscape(text: string) {
	return text.replace(/([\\`*_{}[\]()#+\-.!<>|~])/g, '\\$1').trim();
}
