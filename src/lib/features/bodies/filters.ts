import { decisionResults, type VoteChoice } from './decisions.ts';

/** The words of the address for the votes (`stimme`). */
export const voteWords: Record<string, VoteChoice> = { ja: 'yes', nein: 'no', enthaltung: 'abstain', abwesend: 'absent' };

/**
 * The decision list's selection from the address (`gremium`, `ergebnis`, `jahr`, `stimme` and
 * the member `kommune` names, looked up by the caller: how that municipality voted, or without it any
 * seat); unknown values are ignored.
 */
export function readDecisionFilter(url: URL, by: { slug: string; ags: string } | undefined) {
	const body = Number(url.searchParams.get('gremium') ?? '');
	const result = url.searchParams.get('ergebnis') ?? '';
	const year = Number(url.searchParams.get('jahr') ?? '');
	const voteWord = url.searchParams.get('stimme') ?? '';
	const validYear = Number.isInteger(year) && year >= 1990 && year <= 2200;
	const vote = Object.hasOwn(voteWords, voteWord) ? voteWords[voteWord] : undefined;
	const filter = {
		bodyId: Number.isInteger(body) && body > 0 && body < 1e9 ? body : undefined,
		result: (decisionResults as readonly string[]).includes(result) ? result : undefined,
		// the year begins at midnight in Berlin (meetings are not held around New Year's Eve at 23:00 in summer time)
		from: validYear ? new Date(`${year}-01-01T00:00:00+01:00`) : undefined,
		to: validYear ? new Date(`${year + 1}-01-01T00:00:00+01:00`) : undefined,
		vote,
		voteBy: vote ? by?.ags : undefined
	};
	const query = new URLSearchParams([
		...(filter.bodyId ? [['gremium', String(filter.bodyId)]] : []),
		...(filter.result ? [['ergebnis', filter.result]] : []),
		...(validYear ? [['jahr', String(year)]] : []),
		...(vote ? [['stimme', voteWord]] : []),
		...(vote && by ? [['kommune', by.slug]] : [])
	]).toString();
	return { filter, query, year: validYear ? String(year) : '', stimme: vote ? voteWord : '' };
}
