/**
 * Amounts are integer cents everywhere; only the edges speak euros. Parsing works on the digits
 * (no floating point), so "1.234,56 €" is exactly 123456 cents.
 */
export function parseEuros(input: string): number | undefined {
	let s = input.replace(/[\s\u00a0€]/g, '').replace(/EUR$/i, '');
	if (!s) return undefined;
	const negative = s.startsWith('-');
	if (negative) s = s.slice(1);
	if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
	else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
	const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
	if (!m) return undefined;
	const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	if (!Number.isSafeInteger(cents)) return undefined;
	return negative ? -cents : cents;
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const euroWhole = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** 123456 → "1.234,56 €"; whole: "1.235 €" for overviews. */
export function formatEuros(cents: number, whole = false) {
	return (whole ? euroWhole : euro).format(cents / 100);
}

/** 123456 → "1234,56": the value put back into a form field. */
export function eurosForInput(cents: number | null | undefined) {
	if (cents == null) return '';
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points ↔ percent text: 7500 ↔ "75", 3333 ↔ "33,33". */
export function parsePercent(input: string): number | undefined {
	const s = input.replace(/[\s%]/g, '').replace(',', '.');
	const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
	if (!m) return undefined;
	const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	return bp <= 10_000 ? bp : undefined;
}
export function formatPercent(basisPoints: number) {
	return `${(basisPoints / 100).toLocaleString('de-DE', { maximumFractionDigits: 2 })} %`;
}
