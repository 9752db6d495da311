/**
 * Beschlussfassung auf Augenhöhe: one municipality, one seat, one vote. The result is computed
 * from the votes and the body's rule, never typed in, and stored together with both.
 */
export const voteChoices = ['yes', 'no', 'abstain', 'absent'] as const;
export type VoteChoice = (typeof voteChoices)[number];

/**
 * `unanimous`: every present seat votes yes (or abstains, unless abstention blocks) and at least
 * one votes yes. `majority`: more yes than no among the present seats. Both need a quorum: more
 * than half of all seats present.
 */
export type DecisionRule = { kind: 'unanimous' | 'majority'; abstentionBlocks: boolean };

export const decisionResults = ['adopted', 'rejected', 'inquorate'] as const;
export type DecisionResult = (typeof decisionResults)[number];

export type Tally = { seats: number; present: number; yes: number; no: number; abstain: number; absent: number; quorate: boolean };

export function tally(votes: VoteChoice[]): Tally {
	const count = (c: VoteChoice) => votes.filter((v) => v === c).length;
	const seats = votes.length;
	const absent = count('absent');
	const present = seats - absent;
	return { seats, present, yes: count('yes'), no: count('no'), abstain: count('abstain'), absent, quorate: present * 2 > seats };
}

/** The result of a vote of every seat (one entry per seat, absent ones included). */
export function decide(votes: VoteChoice[], rule: DecisionRule): { result: DecisionResult; tally: Tally } {
	const t = tally(votes);
	if (!t.quorate) return { result: 'inquorate', tally: t };
	if (rule.kind === 'majority') return { result: t.yes > t.no ? 'adopted' : 'rejected', tally: t };
	const blocked = t.no > 0 || (rule.abstentionBlocks && t.abstain > 0);
	return { result: !blocked && t.yes > 0 ? 'adopted' : 'rejected', tally: t };
}
