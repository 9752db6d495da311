import OpeningHours from 'opening_hours';
import { DateTime } from 'luxon';

const TIMEZONE = 'Europe/Berlin';
/** Public and school holidays of Saxony: the library knows them by country and state. */
const saxony = { lat: 51.3, lon: 12.6, address: { country_code: 'de', state: 'Sachsen' } };

/*
 * opening_hours reads and returns JS dates in the process's own time zone. The platform's times
 * are Berlin times whatever the server's zone, so dates pass through "wall" dates: a Date whose
 * local fields are the Berlin wall-clock time.
 */
const toWall = (at: Date) => {
	const b = DateTime.fromJSDate(at, { zone: TIMEZONE });
	return new Date(b.year, b.month - 1, b.day, b.hour, b.minute, b.second);
};
const fromWall = (d: Date) => DateTime.fromObject({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() }, { zone: TIMEZONE }).toJSDate();

export class OpeningHoursError extends Error {
	/** The library's reading of a value it could make sense of only with corrections. */
	readonly suggestion: string | null;
	constructor(message: string, suggestion: string | null = null) {
		super(message);
		this.suggestion = suggestion;
	}
}

function parse(value: string) {
	try {
		return new OpeningHours(value.trim(), saxony, { mode: 0, tag_key: 'opening_hours', locale: 'de' } as never);
	} catch (e) {
		throw new OpeningHoursError(String(e instanceof Error ? e.message : e).split('\n')[0]);
	}
}

/**
 * Checks a value in OpenStreetMap syntax and returns it in the library's normal form. A value the
 * library reads only with corrections ("montags bis freitags …") is refused with its reading as a
 * suggestion: the stored hours must mean exactly what the editor confirmed.
 */
export function checkOpeningHours(value: string): string {
	const oh = parse(value);
	const warnings = oh.getWarnings();
	if (warnings.length) throw new OpeningHoursError(warnings[0].split('\n')[0], oh.prettifyValue());
	return oh.prettifyValue();
}

/** Open now? And when does that change (Berlin time)? `unknown` where the value says "unknown" or only comments. */
export function openingState(value: string, at = new Date()) {
	const oh = parse(value);
	const wall = toWall(at);
	const next = oh.getNextChange(wall, new Date(wall.getTime() + 8 * 86_400_000));
	return { open: oh.getState(wall), unknown: oh.getUnknown(wall), comment: oh.getComment(wall) ?? null, nextChange: next ? fromWall(next) : null };
}

/** Whether a Berlin day is a public holiday in Saxony (Buß- und Bettag, Reformationstag included). */
const holidays = new OpeningHours('PH', saxony);

/** The seven days from `from` (a Berlin day) with their open intervals and whether the day is a public holiday. */
export function weekTable(value: string, from: string) {
	const oh = parse(value);
	const start = DateTime.fromISO(from, { zone: TIMEZONE }).startOf('day');
	return Array.from({ length: 7 }, (_, i) => {
		const day = start.plus({ days: i });
		const begin = new Date(day.year, day.month - 1, day.day);
		const end = new Date(day.year, day.month - 1, day.day + 1);
		const intervals = oh.getOpenIntervals(begin, end).map(([a, b, unknown, comment]) => ({
			from: `${String(a.getHours()).padStart(2, '0')}:${String(a.getMinutes()).padStart(2, '0')}`,
			to: b.getTime() === end.getTime() ? '24:00' : `${String(b.getHours()).padStart(2, '0')}:${String(b.getMinutes()).padStart(2, '0')}`,
			unknown,
			comment: comment ?? null
		}));
		return { day: day.toISODate()!, holiday: holidays.getState(new Date(day.year, day.month - 1, day.day, 12)), intervals };
	});
}
