import type { Db } from '#lib/server/db/client.ts';
import type { Dataset, DatasetColumn, PersonalField } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange, latest } from '#lib/server/opendata/queries.ts';
import * as queries from './queries.ts';
import { seats } from './service.ts';
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

export const decisionCsvColumns: DatasetColumn<DecisionRecord>[] = [
	{ name: 'id', description: 'Nummer des Beschlusses', value: (d) => d.id },
	{ name: 'body', description: 'Gremium', value: (d) => d.bodyName },
	{ name: 'meeting_start', description: 'Beginn der Sitzung (ISO 8601)', value: (d) => d.meetingStart },
	{ name: 'agenda_item', description: 'Nummer des Tagesordnungspunkts', value: (d) => d.agendaItem },
	{ name: 'title', description: 'Titel des Tagesordnungspunkts', value: (d) => d.title },
	{ name: 'paper', description: 'Aktenzeichen der Vorlage', value: (d) => d.paper },
	{ name: 'result', description: 'Ergebnis: adopted (angenommen), rejected (abgelehnt), inquorate (nicht beschlussfähig)', value: (d) => d.result },
	{ name: 'rule', description: 'Beschlussregel des Gremiums: unanimous (einstimmig), majority (Mehrheit)', value: (d) => d.rule },
	{ name: 'abstention_blocks', description: 'Ob eine Enthaltung die Einstimmigkeit verhindert', value: (d) => d.abstentionBlocks },
	{ name: 'yes', description: 'Ja-Stimmen', value: (d) => d.yes },
	{ name: 'no', description: 'Nein-Stimmen', value: (d) => d.no },
	{ name: 'abstain', description: 'Enthaltungen', value: (d) => d.abstain },
	{ name: 'absent', description: 'Nicht vertretene Kommunen', value: (d) => d.absent },
	{ name: 'votes', description: 'Stimme jeder Kommune als AGS:Stimme (yes, no, abstain, absent), durch Semikolon getrennt', value: (d) => d.votes.map((v) => `${v.municipality}:${v.vote}`).join(';') },
	{ name: 'corrects', description: 'Nummer des Beschlusses, den dieser berichtigt', value: (d) => d.corrects },
	{ name: 'correction_reason', description: 'Grund der Berichtigung', value: (d) => d.correctionReason },
	{ name: 'url', description: 'Seite der Sitzung', value: (d) => d.url }
];

const decided = 'exists (select 1 from agenda_item ai where ai.id = decision.agenda_item_id and ai.is_public)';

export const decisionsDataset: Dataset<DecisionRecord, { at: Date; id: number }> = {
	id: 'beschluesse',
	title: { de: 'Beschlüsse mit der Stimme jeder Kommune', en: 'Decisions with every municipality’s vote' },
	description: {
		de: 'Die geltenden Beschlüsse der Gremien zu öffentlichen Tagesordnungspunkten: Ergebnis, Beschlussregel, Stimmenzahlen und die Stimme jeder Mitgliedskommune (eine Kommune, eine Stimme); Berichtigungen mit Grund.',
		en: 'The decisions in force of the bodies on public agenda items: result, rule, tally and the vote of every member municipality (one municipality, one vote); corrections with their reason.'
	},
	keywords: ['Beschlüsse', 'Gremien', 'Abstimmung', 'Lenkungsgruppe'],
	themes: ['GOVE'],
	licence: 'platform',
	columns: decisionCsvColumns,
	page: (db, after, limit, origin) => decisionsPage(db, {}, limit, after, origin),
	modified: (db) => lastChange(db, 'decision', 'recorded_at', decided)
};

type BodyRecord = Awaited<ReturnType<typeof bodyRecords>>[number];
async function bodyRecords(db: Db) {
	const records = [];
	for (const b of await queries.listBodies(db)) {
		const list = await seats(db, b.id);
		records.push({
			id: b.id,
			name: b.name,
			shortName: b.shortName,
			kind: b.kind,
			active: b.active,
			rule: b.ruleKind,
			abstentionBlocks: b.abstentionBlocks,
			seats: list.map((s) => ({ municipality: s.municipality, holder: s.holder ? { name: s.holder.name, title: s.holder.title } : null, deputy: s.deputy ? { name: s.deputy.name, title: s.deputy.title } : null }))
		});
	}
	return records;
}

export const bodiesDataset: Dataset<BodyRecord, never> = {
	id: 'gremien',
	title: { de: 'Gremien und ihre Sitze', en: 'Bodies and their seats' },
	description: {
		de: 'Die Gremien der Kooperation mit Beschlussregel und, je Mitgliedskommune, dem Sitz mit Inhaberin oder Inhaber und Vertretung (Namen und Funktionen von Amtsträgern).',
		en: 'The bodies of the cooperation with their decision rule and, per member municipality, the seat with its holder and deputy (names and functions of office holders).'
	},
	keywords: ['Gremien', 'Lenkungsgruppe', 'Arbeitsgruppen', 'Sitze'],
	themes: ['GOVE'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Gremiums', value: (b) => b.id },
		{ name: 'name', description: 'Name', value: (b) => b.name },
		{ name: 'short_name', description: 'Kurzname', value: (b) => b.shortName },
		{ name: 'kind', description: 'steering_group (Lenkungsgruppe), working_group (Arbeitsgruppe), other', value: (b) => b.kind },
		{ name: 'active', description: 'Gremium besteht (true/false)', value: (b) => b.active },
		{ name: 'rule', description: 'Beschlussregel: unanimous, majority', value: (b) => b.rule },
		{ name: 'abstention_blocks', description: 'Ob eine Enthaltung die Einstimmigkeit verhindert', value: (b) => b.abstentionBlocks },
		{ name: 'seats', description: 'Sitze als AGS:Inhaber/in, durch Semikolon getrennt', value: (b) => b.seats.map((s) => `${s.municipality}:${s.holder?.name ?? ''}`).join(';') }
	],
	// a handful of bodies: one page
	page: async (db) => ({ rows: await bodyRecords(db), next: undefined }),
	modified: async (db) => latest(await lastChange(db, 'body', 'updated_at'), await lastChange(db, 'membership', 'updated_at'))
};

type MeetingRecord = Awaited<ReturnType<typeof meetingsPage>>['rows'][number];
export async function meetingsPage(db: Db, afterId: number | undefined, limit: number, origin: string) {
	const rows = await queries.listMeetings(db, limit + 1, afterId ?? 0);
	const items = await queries.publicItemsOf(
		db,
		rows.slice(0, limit).map((m) => m.id)
	);
	return keysetPage(
		rows,
		limit,
		(m) => ({
			id: m.id,
			body: m.bodyId,
			start: m.startsAt.toISOString(),
			end: m.endsAt?.toISOString() ?? null,
			status: m.status,
			location: m.locationText,
			onlineUrl: m.onlineUrl,
			agendaItems: items.filter((i) => i.item.meetingId === m.id).map((i) => ({ number: i.item.number, title: i.item.title, paper: i.paperReference })),
			url: `${origin}/gremien/sitzungen/${m.id}`
		}),
		(m) => m.id
	);
}

export const meetingsDataset: Dataset<MeetingRecord, number> = {
	id: 'sitzungen',
	title: { de: 'Sitzungen mit öffentlicher Tagesordnung', en: 'Meetings with their public agenda' },
	description: {
		de: 'Die Sitzungen der Gremien mit Zeit, Ort, Status und den öffentlichen Tagesordnungspunkten.',
		en: 'The meetings of the bodies with time, place, status and the public agenda items.'
	},
	keywords: ['Sitzungen', 'Tagesordnung', 'Gremien'],
	themes: ['GOVE'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer der Sitzung', value: (m) => m.id },
		{ name: 'body', description: 'Nummer des Gremiums', value: (m) => m.body },
		{ name: 'start', description: 'Beginn (ISO 8601)', value: (m) => m.start },
		{ name: 'end', description: 'Ende (ISO 8601)', value: (m) => m.end },
		{ name: 'status', description: 'planned, invited, held, cancelled', value: (m) => m.status },
		{ name: 'location', description: 'Ort', value: (m) => m.location },
		{ name: 'online_url', description: 'Adresse der Online-Teilnahme', value: (m) => m.onlineUrl },
		{ name: 'agenda_items', description: 'Öffentliche Tagesordnungspunkte als „Nummer Titel“, durch Semikolon getrennt', value: (m) => m.agendaItems.map((i) => `${i.number} ${i.title}`).join(';') },
		{ name: 'url', description: 'Seite der Sitzung', value: (m) => m.url }
	],
	page: (db, after, limit, origin) => meetingsPage(db, after, limit, origin),
	modified: async (db) => latest(await lastChange(db, 'meeting', 'updated_at'), await lastChange(db, 'agenda_item', 'updated_at', 'is_public'))
};

type PaperRecord = Awaited<ReturnType<typeof papersPage>>['rows'][number];
export async function papersPage(db: Db, afterId: number | undefined, limit: number, origin: string) {
	const rows = await queries.listPublicPapers(db, limit + 1, afterId ?? 0);
	return keysetPage(
		rows,
		limit,
		(p) => ({ id: p.id, reference: p.reference, title: p.title, type: p.paperType, origin: p.originAgs, date: p.paperDate, text: p.text, url: `${origin}/gremien/vorlagen/${p.id}` }),
		(p) => p.id
	);
}

export const papersDataset: Dataset<PaperRecord, number> = {
	id: 'vorlagen',
	title: { de: 'Vorlagen', en: 'Papers' },
	description: {
		de: 'Beschluss- und Informationsvorlagen und Anträge, die in öffentlichen Tagesordnungspunkten beraten werden, mit Text und einbringender Kommune.',
		en: 'Resolution and information papers and motions consulted in public agenda items, with their text and originating municipality.'
	},
	keywords: ['Vorlagen', 'Drucksachen', 'Anträge', 'Gremien'],
	themes: ['GOVE'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer der Vorlage', value: (p) => p.id },
		{ name: 'reference', description: 'Aktenzeichen', value: (p) => p.reference },
		{ name: 'title', description: 'Titel', value: (p) => p.title },
		{ name: 'type', description: 'resolution (Beschlussvorlage), information (Informationsvorlage), motion (Antrag)', value: (p) => p.type },
		{ name: 'origin', description: 'AGS der einbringenden Kommune; leer: Koordinierungsstelle', value: (p) => p.origin },
		{ name: 'date', description: 'Datum (JJJJ-MM-TT)', value: (p) => p.date },
		{ name: 'text', description: 'Text der Vorlage', value: (p) => p.text },
		{ name: 'url', description: 'Seite der Vorlage', value: (p) => p.url }
	],
	page: (db, after, limit, origin) => papersPage(db, after, limit, origin),
	modified: (db) => lastChange(db, 'paper', 'updated_at', 'exists (select 1 from agenda_item ai where ai.paper_id = paper.id and ai.is_public)')
};

/** Invitation addresses of the people in the bodies never leave the back office. */
export const bodiesPersonalFields: PersonalField[] = [{ table: 'person', column: 'email' }];
