import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { describeRule, expand, MAX_OCCURRENCES, normaliseRule, RecurrenceError, TIMEZONE } from './recurrence.ts';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: TIMEZONE }).toJSDate();
const wall = (d: Date) => DateTime.fromJSDate(d, { zone: TIMEZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
const far = new Date('2030-01-01T00:00:00Z');

describe('expanding a schedule', () => {
	it('keeps a weekly evening at 19:00 Berlin time across the change to summer time', () => {
		const list = expand({ startsAt: berlin('2026-03-17T19:00'), endsAt: berlin('2026-03-17T21:00'), allDay: false, rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', exceptions: [], additions: [] }, far);
		expect(list.map((o) => wall(o.startsAt))).toEqual(['2026-03-17T19:00', '2026-03-24T19:00', '2026-03-31T19:00', '2026-04-07T19:00']);
		// the instant moves by an hour in UTC: CET before 29 March, CEST after
		expect(list.map((o) => o.startsAt.toISOString().slice(11, 16))).toEqual(['18:00', '18:00', '17:00', '17:00']);
		expect(list.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 2 * 3_600_000)).toBe(true);
	});

	it('keeps the wall-clock length of an event over the night the clocks go back', () => {
		// 25 October 2026, 02:00–04:00 Berlin lasts three real hours
		const [o] = expand({ startsAt: berlin('2026-10-24T22:00'), endsAt: berlin('2026-10-25T04:00'), allDay: false, rrule: 'FREQ=DAILY;COUNT=1', exceptions: [], additions: [] }, far);
		expect(wall(o.endsAt)).toBe('2026-10-25T04:00');
	});

	it('drops the exceptions and adds the additional days at the usual time', () => {
		const list = expand(
			{ startsAt: berlin('2026-12-01T10:00'), endsAt: berlin('2026-12-01T11:00'), allDay: false, rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T230000Z', exceptions: ['2026-12-22', '2026-12-29'], additions: ['2026-12-23'] },
			far
		);
		expect(list.map((o) => wall(o.startsAt))).toEqual(['2026-12-01T10:00', '2026-12-08T10:00', '2026-12-15T10:00', '2026-12-23T10:00']);
	});

	it('keeps all-day events whole days, also across the change of the clocks', () => {
		const list = expand({ startsAt: berlin('2026-10-24T00:00'), endsAt: berlin('2026-10-26T00:00'), allDay: true, rrule: 'FREQ=WEEKLY;COUNT=2', exceptions: [], additions: [] }, far);
		expect(list.map((o) => [wall(o.startsAt), wall(o.endsAt)])).toEqual([
			['2026-10-24T00:00', '2026-10-26T00:00'],
			['2026-10-31T00:00', '2026-11-02T00:00']
		]);
	});

	it('counts the first date even if the rule would skip it (as DTSTART does in iCalendar)', () => {
		const list = expand({ startsAt: berlin('2026-06-01T18:00'), endsAt: berlin('2026-06-01T19:00'), allDay: false, rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=2', exceptions: [], additions: [] }, far);
		expect(list.map((o) => wall(o.startsAt))).toEqual(['2026-06-01T18:00', '2026-06-03T18:00', '2026-06-10T18:00']);
	});

	it('stops at the horizon and at the cap, whatever the rule says', () => {
		const daily = { startsAt: berlin('2026-01-01T08:00'), endsAt: berlin('2026-01-01T09:00'), allDay: false, rrule: 'FREQ=DAILY', exceptions: [], additions: [] };
		expect(expand(daily, berlin('2026-01-11T00:00'))).toHaveLength(10);
		expect(expand(daily, new Date('2100-01-01T00:00:00Z'))).toHaveLength(MAX_OCCURRENCES);
		expect(expand({ ...daily, rrule: null }, far)).toHaveLength(1);
	});
});

describe('checking a rule', () => {
	it('accepts the common rules and writes UNTIL in UTC', () => {
		expect(normaliseRule('RRULE:FREQ=WEEKLY;BYDAY=MO,WE')).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
		expect(normaliseRule('FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T230000Z')).toBe('FREQ=MONTHLY;BYDAY=+1TU;UNTIL=20271231T230000Z');
	});
	it.each(['FREQ=HOURLY', 'FREQ=MINUTELY;COUNT=5', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'kein Plan', '', `FREQ=DAILY;COUNT=${MAX_OCCURRENCES + 1}`, 'FREQ=DAILY;INTERVAL=0'])('refuses %j', (rule) => {
		expect(() => normaliseRule(rule)).toThrow(RecurrenceError);
	});
	it('describes a rule in German', () => {
		expect(describeRule('FREQ=WEEKLY;BYDAY=TU', 'de')).toBe('jede Woche am Dienstag');
		expect(describeRule('FREQ=MONTHLY;BYDAY=+1WE', 'de')).toBe('jeden Monat am 1. Mittwoch');
		expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20270630T215900Z', 'de')).toBe('alle 2 Wochen am Freitag, bis 30.06.2027');
		expect(describeRule('FREQ=WEEKLY;BYDAY=TU', 'en')).toBe('every week on Tuesday');
	});
});
