import type { DecisionRow } from './queries.ts';

/** A decision as pages show it: every seat with its municipality's name. Person names are those of office holders. */
export function presentDecision(d: DecisionRow, names: Map<string, string>) {
	return {
		id: d.id,
		text: d.text,
		result: d.result,
		rule: d.rule,
		tally: d.tally,
		votes: d.votes.map((v) => ({ ...v, name: names.get(v.municipality) ?? v.municipality })),
		correctionReason: d.correctionReason,
		corrects: d.corrects,
		recordedAt: d.recordedAt.toISOString()
	};
}

/** A decision in the open data (API, CSV): AGS and votes, the rule and the result; no one's contact. */
export function decisionRecord(r: { decision: DecisionRow; item: { id: number; number: string; title: string }; meeting: { id: number; startsAt: Date }; bodyId: number; bodyName: string; paperId: number | null; paperReference: string | null }, origin = '') {
	const d = r.decision;
	return {
		id: d.id,
		body: r.bodyId,
		bodyName: r.bodyName,
		meeting: r.meeting.id,
		meetingStart: r.meeting.startsAt.toISOString(),
		agendaItem: r.item.number,
		title: r.item.title,
		paper: r.paperReference,
		text: d.text,
		result: d.result,
		rule: d.rule.kind,
		abstentionBlocks: d.rule.abstentionBlocks,
		yes: d.tally.yes,
		no: d.tally.no,
		abstain: d.tally.abstain,
		absent: d.tally.absent,
		votes: d.votes.map((v) => ({ municipality: v.municipality, vote: v.vote })),
		corrects: d.corrects,
		correctionReason: d.correctionReason,
		url: `${origin}/gremien/sitzungen/${r.meeting.id}#top-${r.item.id}`
	};
}
export type DecisionRecord = ReturnType<typeof decisionRecord>;
