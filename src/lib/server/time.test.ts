import { describe, expect, it } from 'vitest';
import { berlinIso, berlinStartOfDay, berlinTime } from './time.ts';

describe('berlinStartOfDay', () => {
	it('knows winter and summer time', () => {
		expect(berlinStartOfDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		expect(berlinStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
	});
});

describe('berlinIso', () => {
	it('writes Berlin local time with the offset of that instant', () => {
		expect(berlinIso(new Date('2026-11-25T09:15:00Z'))).toBe('2026-11-25T10:15:00+01:00');
		expect(berlinIso(new Date('2026-07-01T22:30:05Z'))).toBe('2026-07-02T00:30:05+02:00');
		// the night the clocks go back: 02:30 happens twice, told apart by the offset
		expect(berlinIso(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
		expect(berlinIso(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
	});
});

describe('berlinTime', () => {
	it('turns a wall-clock time in Berlin into the instant, in summer, winter and on the day the clocks change', () => {
		expect(berlinTime('2026-06-10', '18:00').toISOString()).toBe('2026-06-10T16:00:00.000Z');
		expect(berlinTime('2026-12-10', '18:00').toISOString()).toBe('2026-12-10T17:00:00.000Z');
		expect(berlinTime('2026-03-29', '12:00').toISOString()).toBe('2026-03-29T10:00:00.000Z');
		expect(berlinTime('2026-10-25', '01:30').toISOString()).toBe('2026-10-24T23:30:00.000Z');
	});
});
