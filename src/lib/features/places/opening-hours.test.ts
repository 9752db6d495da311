import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { checkOpeningHours, OpeningHoursError, openingState, weekTable } from './opening-hours.ts';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toJSDate();
const wall = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toFormat("yyyy-MM-dd'T'HH:mm") : null);
const library = 'Mo,Tu,Th,Fr 10:00-18:00; We 10:00-13:00; Sa 09:00-12:00; PH off';

describe('opening hours in Berlin time with the holidays of Saxony', () => {
	it('is open on a Tuesday afternoon and says when it closes', () => {
		const s = openingState(library, berlin('2026-11-17T15:30'));
		expect(s.open).toBe(true);
		expect(wall(s.nextChange)).toBe('2026-11-17T18:00');
	});

	it('is closed on Buß- und Bettag, a holiday in Saxony only, and opens again the next morning', () => {
		// Wednesday 18 November 2026
		const s = openingState(library, berlin('2026-11-18T11:00'));
		expect(s.open).toBe(false);
		expect(wall(s.nextChange)).toBe('2026-11-19T10:00');
	});

	it('keeps Berlin time across the change of the clocks', () => {
		// Saturday 28 March 2026, the clocks go forward in the night to Sunday 29 March
		expect(openingState(library, berlin('2026-03-28T11:59')).open).toBe(true);
		expect(wall(openingState(library, berlin('2026-03-28T12:01')).nextChange)).toBe('2026-03-30T10:00');
		expect(openingState(library, berlin('2026-03-30T10:30')).open).toBe(true);
	});

	it('gives the week as a table, with the holiday marked and closed', () => {
		const week = weekTable(library, '2026-11-16');
		expect(week.map((d) => [d.day, d.holiday, d.intervals.map((i) => `${i.from}–${i.to}`).join(', ')])).toEqual([
			['2026-11-16', false, '10:00–18:00'],
			['2026-11-17', false, '10:00–18:00'],
			['2026-11-18', true, ''],
			['2026-11-19', false, '10:00–18:00'],
			['2026-11-20', false, '10:00–18:00'],
			['2026-11-21', false, '09:00–12:00'],
			['2026-11-22', false, '']
		]);
	});

	it('refuses a value that is not in the OpenStreetMap syntax, and one it reads only with corrections', () => {
		expect(() => checkOpeningHours('xyz')).toThrow(OpeningHoursError);
		// "9 bis 5" would become 09:00-05:00: refused, with the reading as a suggestion to check
		expect(() => checkOpeningHours('montags bis freitags 9 bis 5')).toThrow(expect.objectContaining({ suggestion: 'Mo-Fr 09:00-05:00' }));
		expect(checkOpeningHours('Mo-Fr 09:00-17:00')).toBe('Mo-Fr 09:00-17:00');
	});
});
