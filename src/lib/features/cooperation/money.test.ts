import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eurosForInput, formatEuros, parseEuros, parsePercent } from './money.ts';

describe('euros ↔ cents', () => {
	it('reads the ways people write amounts, exactly', () => {
		expect(parseEuros('1.234,56 €')).toBe(123_456);
		expect(parseEuros('1234,5')).toBe(123_450);
		expect(parseEuros('90.000,01')).toBe(9_000_001);
		expect(parseEuros('12.000')).toBe(1_200_000);
		expect(parseEuros('1234.56')).toBe(123_456);
		expect(parseEuros('0')).toBe(0);
		expect(parseEuros('-5,00')).toBe(-500);
	});

	it('refuses what is not an amount', () => {
		for (const bad of ['', 'abc', '1,234,5', '1.2.3', '12,345', '1e5', '99999999999999999999']) expect(parseEuros(bad), bad).toBeUndefined();
	});

	it('gives back what the form showed, for any amount', () => {
		fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => parseEuros(eurosForInput(cents)) === cents));
		expect(formatEuros(123_456)).toBe('1.234,56\u00a0€');
	});

	it('reads percentages as basis points', () => {
		expect(parsePercent('75')).toBe(7500);
		expect(parsePercent('33,33 %')).toBe(3333);
		expect(parsePercent('62.5')).toBe(6250);
		expect(parsePercent('100,01')).toBeUndefined();
		expect(parsePercent('1,234')).toBeUndefined();
	});
});
