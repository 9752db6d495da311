import { describe, expect, it } from 'vitest';
import { berlinStartOfDay } from './time.ts';

describe('berlinStartOfDay', () => {
	it('knows winter and summer time', () => {
		expect(berlinStartOfDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		expect(berlinStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
	});
});
