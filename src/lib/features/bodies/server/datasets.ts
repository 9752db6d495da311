import type { Db } from '#lib/server/db/client.ts';
import type { CsvColumn } from '#lib/server/opendata/csv.ts';
import * as queries from './queries.ts';
import { decisionRecord, type DecisionRecord } from './presenter.ts';

/**
 * Decisions in force on public agenda items, page by page (keyset by meeting start and id): the
 * CSV, the API and the open data catalogue read them here.
 */
export async function decisionsPage(db: Db, filter: queries.DecisionFilter, limit: number, before?: { at: Date; id: number }, origin = '') {
	const rows = await queries.listPublicDecisions(db, filter, limit + 1, before);
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return { rows: page.map((r) => decisionRecord(r, origin)), next: rows.length > limit && last ? { at: last.meeting.startsAt, id: last.decision.id } : undefined };
}

export const decisionCsvColumns: CsvColumn<DecisionRecord>[] = [
	{ name: 'id', value: (d) => d.id },
	{ name: 'body', value: (d) => d.bodyName },
	{ name: 'meeting_start', value: (d) => d.meetingStart },
	{ name: 'agenda_item', value: (d) => d.agendaItem },
	{ name: 'title', value: (d) => d.title },
	{ name: 'paper', value: (d) => d.paper },
	{ name: 'result', value: (d) => d.result },
	{ name: 'rule', value: (d) => d.rule },
	{ name: 'abstention_blocks', value: (d) => d.abstentionBlocks },
	{ name: 'yes', value: (d) => d.yes },
	{ name: 'no', value: (d) => d.no },
	{ name: 'abstain', value: (d) => d.abstain },
	{ name: 'absent', value: (d) => d.absent },
	{ name: 'votes', value: (d) => d.votes.map((v) => `${v.municipality}:${v.vote}`).join(';') },
	{ name: 'corrects', value: (d) => d.corrects },
	{ name: 'correction_reason', value: (d) => d.correctionReason },
	{ name: 'url', value: (d) => d.url }
];
