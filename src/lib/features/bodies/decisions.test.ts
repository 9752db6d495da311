import { describe, expect, it } from 'vitest';
import { decide, voteChoices, type DecisionRule, type VoteChoice } from './decisions.ts';

/** Every way seven seats can vote: 4^7 = 16,384 combinations. */
function* allVotes(seats: number): Generator<VoteChoice[]> {
	for (let n = 0; n < 4 ** seats; n++) yield Array.from({ length: seats }, (_, i) => voteChoices[Math.floor(n / 4 ** i) % 4]);
}

/** The rules as the Geschäftsordnung states them, written as plainly as possible. */
function byTheBook(votes: VoteChoice[], rule: DecisionRule) {
	const present = votes.filter((v) => v !== 'absent');
	if (!(present.length > votes.length / 2)) return 'inquorate';
	const yes = present.filter((v) => v === 'yes').length;
	const no = present.filter((v) => v === 'no').length;
	if (rule.kind === 'majority') return yes > no ? 'adopted' : 'rejected';
	const allowed: VoteChoice[] = rule.abstentionBlocks ? ['yes'] : ['yes', 'abstain'];
	return present.every((v) => allowed.includes(v)) && yes >= 1 ? 'adopted' : 'rejected';
}

const rules: DecisionRule[] = [
	{ kind: 'unanimous', abstentionBlocks: false },
	{ kind: 'unanimous', abstentionBlocks: true },
	{ kind: 'majority', abstentionBlocks: false },
	{ kind: 'majority', abstentionBlocks: true }
];

describe('decisions by equal vote', () => {
	it.each(rules)('matches the rules for every combination of seven votes (%o)', (rule) => {
		let checked = 0;
		for (const votes of allVotes(7)) {
			expect(decide(votes, rule).result, votes.join(',')).toBe(byTheBook(votes, rule));
			checked++;
		}
		expect(checked).toBe(16_384);
	});

	it('needs more than half of the seats present', () => {
		const unanimous: DecisionRule = { kind: 'unanimous', abstentionBlocks: false };
		// 4 of 7 present: quorate; 3 of 7: not
		expect(decide(['yes', 'yes', 'yes', 'yes', 'absent', 'absent', 'absent'], unanimous).result).toBe('adopted');
		expect(decide(['yes', 'yes', 'yes', 'absent', 'absent', 'absent', 'absent'], unanimous)).toMatchObject({ result: 'inquorate', tally: { present: 3, quorate: false } });
		// with an even number of seats exactly half is not enough
		expect(decide(['yes', 'yes', 'absent', 'absent'], unanimous).result).toBe('inquorate');
		expect(decide(['yes', 'yes', 'yes', 'absent'], unanimous).result).toBe('adopted');
	});

	it('treats abstentions as the body decides', () => {
		const votes: VoteChoice[] = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'abstain'];
		expect(decide(votes, { kind: 'unanimous', abstentionBlocks: false }).result).toBe('adopted');
		expect(decide(votes, { kind: 'unanimous', abstentionBlocks: true }).result).toBe('rejected');
		// abstaining everywhere adopts nothing
		expect(decide(Array(7).fill('abstain'), { kind: 'unanimous', abstentionBlocks: false }).result).toBe('rejected');
		// one no blocks unanimity, not a majority
		const oneNo: VoteChoice[] = ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no'];
		expect(decide(oneNo, { kind: 'unanimous', abstentionBlocks: false }).result).toBe('rejected');
		expect(decide(oneNo, { kind: 'majority', abstentionBlocks: false }).result).toBe('adopted');
		// a tie is no majority
		expect(decide(['yes', 'yes', 'no', 'no', 'abstain', 'absent', 'absent'], { kind: 'majority', abstentionBlocks: false }).result).toBe('rejected');
	});

	it('counts the votes', () => {
		expect(decide(['yes', 'no', 'abstain', 'absent', 'yes', 'yes', 'absent'], { kind: 'majority', abstentionBlocks: false }).tally).toEqual({ seats: 7, present: 5, yes: 3, no: 1, abstain: 1, absent: 2, quorate: true });
	});
});
