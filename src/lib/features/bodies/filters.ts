import { decisionResults } from './decisions.ts';

/** The decision list's selection from the address (`gremium`, `ergebnis`, `jahr`); unknown values are ignored. */
export function readDecisionFilter(url: URL) {
	const body = Number(url.searchParams.get('gremium') ?? '');
	const result = url.searchParams.get('ergebnis') ?? '';
	const year = Number(url.searchParams.get('jahr') ?? '');
	const validYear = Number.isInteger(year) && year >= 1990 && year <= 2200;
	const filter = {
		bodyId: Number.isInteger(body) && body > 0 && body < 1e9 ? body : undefined,
		result: (decisionResults as readonly string[]).includes(result) ? result : undefined,
		// the year begins at midnight in Berlin (meetings are not held around New Year's Eve at 23:00 in summer time)
		from: validYear ? new Date(`${year}-01-01T00:00:00+01:00`) : undefined,
		to: validYear ? new Date(`${year + 1}-01-01T00:00:00+01:00`) : undefined
	};
	const query = new URLSearchParams([
		...(filter.bodyId ? [['gremium', String(filter.bodyId)]] : []),
		...(filter.result ? [['ergebnis', filter.result]] : []),
		...(validYear ? [['jahr', String(year)]] : [])
	]).toString();
	return { filter, query, year: validYear ? String(year) : '' };
}
