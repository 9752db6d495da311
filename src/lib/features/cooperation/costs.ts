/**
 * Kostenschlüssel: how a measure's costs are shared among the municipalities. Amounts are integer
 * cents; shares are computed exactly (BigInt) with the largest-remainder method, so they always add
 * up to the total, and ties are broken deterministically by the AGS (lowest first).
 */
export type CostKey =
	| { kind: 'equal'; municipalities: string[] }
	/** Inhabitants as stored with the key when it was set (figures and their reference date). */
	| { kind: 'inhabitants'; inhabitants: Record<string, number>; referenceDate: string }
	/** Percentages in basis points (1 % = 100); they must add up to exactly 10,000. */
	| { kind: 'percentages'; basisPoints: Record<string, number> }
	| { kind: 'lead'; municipality: string };

export class CostKeyError extends Error {}

/** The whole-number weight of each municipality under a key. */
export function weightsOf(key: CostKey): Map<string, bigint> {
	switch (key.kind) {
		case 'equal':
			if (!key.municipalities.length) throw new CostKeyError('Ein Kostenschlüssel braucht mindestens eine Kommune.');
			return new Map(key.municipalities.map((ags) => [ags, 1n]));
		case 'inhabitants': {
			const entries = Object.entries(key.inhabitants);
			if (!entries.length || entries.some(([, n]) => !Number.isSafeInteger(n) || n < 0)) throw new CostKeyError('Einwohnerzahlen müssen ganze Zahlen ab 0 sein.');
			if (entries.every(([, n]) => n === 0)) throw new CostKeyError('Mindestens eine Kommune braucht Einwohner.');
			return new Map(entries.map(([ags, n]) => [ags, BigInt(n)]));
		}
		case 'percentages': {
			const entries = Object.entries(key.basisPoints);
			if (entries.some(([, n]) => !Number.isSafeInteger(n) || n < 0)) throw new CostKeyError('Anteile müssen ganze Hundertstelprozent ab 0 sein.');
			if (entries.reduce((sum, [, n]) => sum + n, 0) !== 10_000) throw new CostKeyError('Die Anteile müssen zusammen genau 100 % ergeben.');
			return new Map(entries.map(([ags, n]) => [ags, BigInt(n)]));
		}
		case 'lead':
			return new Map([[key.municipality, 1n]]);
	}
}

/**
 * Each municipality's share of `totalCents` (a safe integer, negative for refunds), in AGS order.
 * Every municipality first gets the floor of its exact share; the cents left over go, one each,
 * to the largest remainders, ties to the lowest AGS.
 */
export function splitCosts(totalCents: number, key: CostKey): { municipality: string; amountCents: number }[] {
	if (!Number.isSafeInteger(totalCents)) throw new CostKeyError('Beträge sind ganze Cent.');
	const weights = [...weightsOf(key)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const sum = weights.reduce((s, [, w]) => s + w, 0n);
	const sign = totalCents < 0 ? -1n : 1n;
	const total = BigInt(Math.abs(totalCents));
	const parts = weights.map(([ags, w], index) => ({ ags, index, floor: (total * w) / sum, remainder: (total * w) % sum }));
	let left = total - parts.reduce((s, p) => s + p.floor, 0n);
	const order = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
	for (const p of order) {
		if (left === 0n) break;
		p.floor += 1n;
		left -= 1n;
	}
	return parts.map((p) => ({ municipality: p.ags, amountCents: Number(sign * p.floor) }));
}
