import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostKeyError, splitCosts, type CostKey } from './costs.ts';

const ags = fc.uniqueArray(fc.stringMatching(/^14729\d{3}$/), { minLength: 1, maxLength: 12 });
const total = fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 });
const sum = (shares: { amountCents: number }[]) => shares.reduce((n, s) => n + s.amountCents, 0);

/** Any valid key over some municipalities. */
const key: fc.Arbitrary<CostKey> = ags.chain((list) =>
	fc.oneof(
		fc.constant<CostKey>({ kind: 'equal', municipalities: list }),
		fc.constant<CostKey>({ kind: 'lead', municipality: list[0] }),
		fc
			.array(fc.integer({ min: 0, max: 600_000 }), { minLength: list.length, maxLength: list.length })
			.filter((n) => n.some((x) => x > 0))
			.map<CostKey>((n) => ({ kind: 'inhabitants', inhabitants: Object.fromEntries(list.map((a, i) => [a, n[i]])), referenceDate: '2025-12-31' })),
		// basis points adding up to exactly 10,000: cut points in 0..10,000
		fc
			.array(fc.integer({ min: 0, max: 10_000 }), { minLength: list.length - 1, maxLength: list.length - 1 })
			.map<CostKey>((cuts) => {
				const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
				return { kind: 'percentages', basisPoints: Object.fromEntries(list.map((a, i) => [a, points[i + 1] - points[i]])) };
			})
	)
);

describe('splitCosts (largest remainder)', () => {
	it('always adds up to the total, exactly, for any key and amount', () => {
		fc.assert(
			fc.property(key, total, (k, t) => {
				const shares = splitCosts(t, k);
				expect(sum(shares)).toBe(t);
				for (const s of shares) expect(Number.isSafeInteger(s.amountCents)).toBe(true);
			})
		);
	});

	it('gives equal shares that differ by at most one cent', () => {
		fc.assert(
			fc.property(ags, total, (list, t) => {
				const amounts = splitCosts(t, { kind: 'equal', municipalities: list }).map((s) => s.amountCents);
				expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
			})
		);
	});

	it('stays within one cent of the exact proportional share', () => {
		fc.assert(
			fc.property(key, fc.integer({ min: 0, max: 10_000_000_00 }), (k, t) => {
				const shares = splitCosts(t, k);
				const weights = k.kind === 'inhabitants' ? k.inhabitants : k.kind === 'percentages' ? k.basisPoints : null;
				if (!weights) return;
				const all = Object.values(weights).reduce((a, b) => a + b, 0);
				for (const s of shares) expect(Math.abs(s.amountCents - (t * weights[s.municipality]) / all)).toBeLessThan(1);
			})
		);
	});

	it('breaks ties by the lowest AGS, the same way every time', () => {
		expect(splitCosts(100, { kind: 'equal', municipalities: ['14729300', '14729060', '14729020'] })).toEqual([
			{ municipality: '14729020', amountCents: 34 },
			{ municipality: '14729060', amountCents: 33 },
			{ municipality: '14729300', amountCents: 33 }
		]);
		expect(splitCosts(-100, { kind: 'equal', municipalities: ['14729060', '14729020', '14729300'] }).map((s) => s.amountCents)).toEqual([-34, -33, -33]);
		expect(splitCosts(1_000_00, { kind: 'lead', municipality: '14729300' })).toEqual([{ municipality: '14729300', amountCents: 1_000_00 }]);
	});

	it('splits by inhabitants with the largest remainders getting the leftover cents', () => {
		// 10 € by 1 : 2 : 3 inhabitants → 166.66…, 333.33…, 500 cents → 167, 333, 500
		expect(splitCosts(1000, { kind: 'inhabitants', inhabitants: { '14729020': 1, '14729060': 2, '14729070': 3 }, referenceDate: '2025-12-31' }).map((s) => s.amountCents)).toEqual([167, 333, 500]);
	});

	it('refuses percentages that do not add up to 100 % and other broken keys', () => {
		expect(() => splitCosts(100, { kind: 'percentages', basisPoints: { '14729020': 5000, '14729060': 4999 } })).toThrow(CostKeyError);
		expect(() => splitCosts(100, { kind: 'inhabitants', inhabitants: { '14729020': 0 }, referenceDate: '2025-12-31' })).toThrow(CostKeyError);
		expect(() => splitCosts(100, { kind: 'equal', municipalities: [] })).toThrow(CostKeyError);
		expect(() => splitCosts(1.5, { kind: 'lead', municipality: '14729020' })).toThrow(CostKeyError);
	});
});
