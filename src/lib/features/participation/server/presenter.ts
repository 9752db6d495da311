import { currentPhase, processState } from '../phases.ts';
import type * as queries from './queries.ts';

/**
 * The public shapes of participation: the API and the open data. Who wrote an idea is a display
 * name in the API and nowhere in the downloads; addresses and accounts never leave.
 */
export type ProcessRecord = ReturnType<typeof presentProcess>;

export function presentProcess(row: { process: queries.ProcessRow; ideas: number }, phases: queries.PhaseRow[], origin: string, now: Date) {
	const p = row.process;
	return {
		id: p.id,
		title: p.title,
		summary: p.summary,
		owner: p.ownerAgs,
		municipalities: p.municipalities,
		state: processState(phases, now),
		currentPhase: currentPhase(phases, now)?.kind ?? null,
		phases: phases.map((ph) => ({ kind: ph.kind, starts: ph.startsAt.toISOString(), ends: ph.endsAt?.toISOString() ?? null, components: ph.components })),
		pointsBudget: p.pointsBudget,
		ideas: row.ideas,
		url: `${origin}/beteiligung/${p.id}`
	};
}

type PublicIdeaRow = Awaited<ReturnType<typeof queries.listPublicIdeas>>[number];

export function ideaRecord({ idea: i, lat, lon }: PublicIdeaRow, origin: string) {
	return {
		id: i.id,
		process: i.processId,
		title: i.title,
		text: i.body,
		category: i.category,
		municipality: i.municipalityAgs,
		place: i.placeText,
		location: lat != null && lon != null ? { lat, lon } : null,
		status: i.status,
		answer: i.answer,
		measure: i.measureId,
		supports: i.supportCount,
		comments: i.commentCount,
		created: i.createdAt.toISOString(),
		edited: i.editedAt?.toISOString() ?? null,
		url: `${origin}/beteiligung/ideen/${i.id}`
	};
}
export type IdeaRecord = ReturnType<typeof ideaRecord>;
