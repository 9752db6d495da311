import rrulePkg from 'rrule';
import { DateTime } from 'luxon';

const { RRule, RRuleSet } = rrulePkg;

export const TIMEZONE = 'Europe/Berlin';

/** At most this many occurrences of one event are expanded: a rule is no way to flood the calendar. */
export const MAX_OCCURRENCES = 1000;
/** The longest an event (one occurrence) may last: a festival week, not a season. */
export const MAX_EVENT_DAYS = 31;
/** Open-ended rules are expanded this far ahead (and again every night). */
export const HORIZON_DAYS = 731;

/**
 * When an event takes place. Times are instants; a recurring event repeats its first
 * occurrence's Berlin wall-clock time (19:00 stays 19:00 across a change of the clocks).
 * `exceptions` and `additions` are Berlin calendar days (YYYY-MM-DD): an exception drops the
 * occurrence of that day, an addition adds one on that day at the usual time.
 */
export type Schedule = {
	startsAt: Date;
	endsAt: Date;
	allDay: boolean;
	/** An RRULE value without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU`; null for a single date. */
	rrule: string | null;
	exceptions: string[];
	additions: string[];
};

export type Occurrence = { startsAt: Date; endsAt: Date };

export class RecurrenceError extends Error {}

const allowedFrequencies = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

/**
 * Checks and normalises an RRULE value: daily at the finest (no hourly floods), no DTSTART of its
 * own (the event's start is the DTSTART), UNTIL as a UTC instant as RFC 5545 asks.
 */
export function normaliseRule(text: string): string {
	const value = text.trim().replace(/^RRULE:/i, '');
	if (!value) throw new RecurrenceError('empty');
	if (/DTSTART|\n/i.test(value)) throw new RecurrenceError('dtstart');
	let options;
	try {
		options = RRule.parseString(value);
	} catch {
		throw new RecurrenceError('syntax');
	}
	if (options.freq === undefined || !allowedFrequencies.has(options.freq)) throw new RecurrenceError('frequency');
	if (options.interval !== undefined && (options.interval < 1 || options.interval > 1000)) throw new RecurrenceError('interval');
	if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_OCCURRENCES)) throw new RecurrenceError('count');
	return new RRule(options).toString().replace(/^RRULE:/, '');
}

/** A Berlin wall-clock time as a "floating" UTC date, the way rrule computes without zones. */
function floating(at: Date): Date {
	const local = DateTime.fromJSDate(at, { zone: TIMEZONE });
	return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}
/** Back from floating wall-clock time to the instant in Berlin (DST-aware). */
function instant(wall: Date): Date {
	return DateTime.fromObject(
		{ year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() },
		{ zone: TIMEZONE }
	).toJSDate();
}
const dayOf = (wall: Date) => wall.toISOString().slice(0, 10);

/**
 * The occurrences of a schedule: a single date as it is; a repetition's dates that start before
 * `until`, at most MAX_OCCURRENCES. Durations are kept in wall-clock terms, so an evening event keeps its length
 * on the night the clocks change; all-day events stay whole days.
 */
export function expand(s: Schedule, until: Date): Occurrence[] {
	const first = floating(s.startsAt);
	const lengthMs = floating(s.endsAt).getTime() - first.getTime();
	const occurrence = (wall: Date): Occurrence => ({ startsAt: instant(wall), endsAt: instant(new Date(wall.getTime() + lengthMs)) });
	// a single date is always stored, however far ahead; only repetitions stop at the horizon
	if (!s.rrule) return [{ startsAt: s.startsAt, endsAt: s.endsAt }];

	const set = new RRuleSet();
	const options = RRule.parseString(s.rrule);
	// UNTIL is an instant; the expansion runs in wall-clock time
	if (options.until) options.until = floating(options.until);
	set.rrule(new RRule({ ...options, dtstart: first }));
	// the first date always counts, as DTSTART does in RFC 5545 (5.3.5), even if the rule would skip it
	set.rdate(first);
	const time = first.toISOString().slice(10);
	for (const day of s.additions) set.rdate(new Date(`${day}${time}`));
	const excluded = new Set(s.exceptions);
	const limit = floating(until);
	const walls: Date[] = [];
	set.all((wall, i) => {
		if (i >= MAX_OCCURRENCES * 2 || wall >= limit) return false;
		if (!excluded.has(dayOf(wall))) walls.push(wall);
		return walls.length < MAX_OCCURRENCES;
	});
	// the set's iterator does not interleave added dates in order
	return walls
		.sort((a, b) => a.getTime() - b.getTime())
		.slice(0, MAX_OCCURRENCES)
		.map(occurrence);
}

/** Whether the rule ends by itself (COUNT or UNTIL); open-ended ones are re-expanded nightly. */
export function isOpenEnded(rrule: string | null) {
	if (!rrule) return false;
	const o = RRule.parseString(rrule);
	return !o.count && !o.until;
}

/** A readable German/English description of the rule ("jede Woche am Dienstag"), for the page. */
export function describeRule(rrule: string, locale: 'de' | 'en') {
	const text = new RRule(RRule.parseString(rrule)).toText();
	if (locale === 'en') return text;
	return germanRule(rrule) ?? text;
}

const weekdays: Record<string, string> = { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' };

/** The common rules in German; anything else is shown as the rule itself. */
function germanRule(rrule: string): string | null {
	const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
	const n = Number(parts.INTERVAL ?? 1);
	const days = parts.BYDAY ? parts.BYDAY.split(',').map((d) => weekdays[d.slice(-2)] ?? d) : [];
	let text: string;
	if (parts.FREQ === 'DAILY') text = n === 1 ? 'täglich' : `alle ${n} Tage`;
	else if (parts.FREQ === 'WEEKLY') text = `${n === 1 ? 'jede Woche' : `alle ${n} Wochen`}${days.length ? ` am ${days.join(', ')}` : ''}`;
	else if (parts.FREQ === 'MONTHLY') {
		const nth = parts.BYDAY?.match(/^([+-]?\d)(\w\w)$/);
		const which = nth ? `${nth[1] === '-1' ? 'letzten' : `${nth[1].replace('+', '')}.`} ${weekdays[nth[2]]}` : parts.BYMONTHDAY ? `${parts.BYMONTHDAY}. Tag` : null;
		text = `${n === 1 ? 'jeden Monat' : `alle ${n} Monate`}${which ? ` am ${which}` : ''}`;
	} else if (parts.FREQ === 'YEARLY') text = n === 1 ? 'jährlich' : `alle ${n} Jahre`;
	else return null;
	if (parts.COUNT) text += `, ${parts.COUNT}-mal`;
	if (parts.UNTIL) {
		const u = parts.UNTIL;
		text += `, bis ${u.slice(6, 8)}.${u.slice(4, 6)}.${u.slice(0, 4)}`;
	}
	return text;
}
