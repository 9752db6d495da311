import { transaction, type Db } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { berlinDate } from '#lib/server/time.ts';
import { newStorageKey, type Storage } from '#lib/server/storage/index.ts';
import { checkDocument, DocumentError } from '../../cooperation/server/documents.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { regionQueries } from '../../region/server/index.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { addEvent, calendarText, newCalendar } from '#lib/server/ical.ts';
import { reindexSearch } from '../../search/server/service.ts';
import type { SearchSource } from '../../search/server/registry.ts';
import { decide, voteChoices, type DecisionRule, type VoteChoice } from '../decisions.ts';
import { bodiesPolicy } from './policy.ts';
import * as queries from './queries.ts';
import type { BodyKind, MembershipRole, PaperType, SeatVote } from './tables.ts';
import { isRowId } from '#lib/ids.ts';

/** A refusal with the field it concerns and a German message for the form. */
export class BodiesError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}


export async function createBody(
	db: Db,
	actor: Actor,
	input: { name: string; shortName: string; kind: BodyKind; actionFieldId: number | null; description: string | null; rule: DecisionRule }
) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	return transaction(db, async (tx) => {
		const row = await queries.insertBody(tx, {
			name: input.name,
			shortName: input.shortName,
			kind: input.kind,
			actionFieldId: input.actionFieldId,
			description: input.description,
			ruleKind: input.rule.kind,
			abstentionBlocks: input.rule.abstentionBlocks
		});
		await recordAudit(tx, actor, { action: 'body.create', entityType: 'body', entityId: row.id, after: input });
		return row;
	});
}

/** The rule a body decides by; decisions already taken keep the rule they were taken under. */
export async function setBodyRule(db: Db, actor: Actor, bodyId: number, rule: DecisionRule) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const before = isRowId(bodyId) ? await queries.findBody(db, bodyId) : undefined;
	if (!before) throw new NotFoundError();
	await transaction(db, async (tx) => {
		await queries.updateBody(tx, bodyId, { ruleKind: rule.kind, abstentionBlocks: rule.abstentionBlocks });
		await recordAudit(tx, actor, { action: 'body.rule', entityType: 'body', entityId: bodyId, before: { ruleKind: before.ruleKind, abstentionBlocks: before.abstentionBlocks }, after: { ruleKind: rule.kind, abstentionBlocks: rule.abstentionBlocks } });
	});
}

export async function addTerm(db: Db, actor: Actor, bodyId: number, input: { name: string; startOn: string; endOn: string | null }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	if (!isRowId(bodyId) || !(await queries.findBody(db, bodyId))) throw new NotFoundError();
	if (input.endOn && input.endOn < input.startOn) throw new BodiesError('endOn', 'Das Ende der Wahlperiode darf nicht vor ihrem Beginn liegen.');
	return transaction(db, async (tx) => {
		const row = await queries.insertTerm(tx, { bodyId, ...input });
		await recordAudit(tx, actor, { action: 'body.term', entityType: 'body', entityId: bodyId, after: input });
		return row;
	});
}

/**
 * A person who can sit in bodies; a municipality's admin adds its own people. An invitation address
 * that belongs to a verified platform account links the person to it.
 */
export async function createPerson(db: Db, actor: Actor, input: { name: string; title: string | null; municipalityAgs: string | null; email: string | null; accountId?: string | null }) {
	if (!(input.municipalityAgs ? bodiesPolicy.appoint(actor, input.municipalityAgs) : bodiesPolicy.manage(actor))) throw new ForbiddenError();
	// the invitation address of a platform account (verified) links the person to it: signed in, they see closed items
	const accountId = input.accountId ?? (input.email ? await queries.verifiedAccountId(db, input.email) : null);
	return transaction(db, async (tx) => {
		const row = await queries.insertPerson(tx, { ...input, accountId });
		await recordAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: row.id, municipality: input.municipalityAgs, after: { name: input.name, title: input.title } });
		return row;
	});
}

/**
 * Appoints a person to a body for a municipality. The seat holder and the deputy are unique per
 * municipality at any time: appointing a new one ends the current one the day before.
 */
export async function appoint(
	db: Db,
	actor: Actor,
	bodyId: number,
	input: { personId: number; municipalityAgs: string | null; role: MembershipRole; votingRole: 'holder' | 'deputy' | null; startOn: string }
) {
	if (!(input.municipalityAgs ? bodiesPolicy.appoint(actor, input.municipalityAgs) : bodiesPolicy.manage(actor))) throw new ForbiddenError();
	if (!isRowId(bodyId) || !(await queries.findBody(db, bodyId))) throw new NotFoundError();
	const p = isRowId(input.personId) ? await queries.findPerson(db, input.personId) : undefined;
	if (!p) throw new BodiesError('personId', 'Diese Person gibt es nicht.');
	if (input.votingRole && !input.municipalityAgs) throw new BodiesError('votingRole', 'Stimmrecht hat nur, wer eine Kommune vertritt.');
	if (input.municipalityAgs && !(await queries.listMemberMunicipalities(db)).some((m) => m.ags === input.municipalityAgs)) throw new BodiesError('municipalityAgs', 'Nur Mitgliedskommunen haben einen Sitz.');
	return transaction(db, async (tx) => {
		if (input.votingRole) {
			const current = (await queries.currentMembers(tx, bodyId, input.startOn)).find((m) => m.membership.municipalityAgs === input.municipalityAgs && m.membership.votingRole === input.votingRole);
			if (current) await queries.endMembership(tx, current.membership.id, input.startOn);
		}
		const row = await queries.insertMembership(tx, { bodyId, ...input });
		await recordAudit(tx, actor, { action: 'body.appoint', entityType: 'body', entityId: bodyId, municipality: input.municipalityAgs, after: { person: p.name, role: input.role, votingRole: input.votingRole, startOn: input.startOn } });
		return row;
	});
}

export async function endAppointment(db: Db, actor: Actor, membershipId: number, endOn = berlinDate()) {
	const m = isRowId(membershipId) ? await queries.findMembership(db, membershipId) : undefined;
	if (!m) throw new NotFoundError();
	if (!(m.municipalityAgs ? bodiesPolicy.appoint(actor, m.municipalityAgs) : bodiesPolicy.manage(actor))) throw new ForbiddenError();
	await transaction(db, async (tx) => {
		if (!(await queries.endMembership(tx, membershipId, endOn))) throw new BodiesError('membership', 'Diese Mitgliedschaft ist schon beendet.');
		await recordAudit(tx, actor, { action: 'body.unappoint', entityType: 'body', entityId: m.bodyId, municipality: m.municipalityAgs, after: { membership: membershipId, endOn } });
	});
}

/**
 * The seats of a body on a day: one per member municipality, with the person holding it and the
 * deputy who stands in.
 */
export async function seats(db: Db, bodyId: number, on = berlinDate()) {
	const [members, municipalities] = await Promise.all([queries.currentMembers(db, bodyId, on), queries.listMemberMunicipalities(db)]);
	return municipalities.map((m) => {
		const of = (role: 'holder' | 'deputy') => members.find((x) => x.membership.municipalityAgs === m.ags && x.membership.votingRole === role)?.person ?? null;
		return { municipality: m.ags, name: m.name, holder: of('holder'), deputy: of('deputy') };
	});
}

export type PaperInput = { reference: string; title: string; paperType: PaperType; originAgs: string | null; text: string; paperDate: string; measureIds: number[] };

async function checkPaper(db: Db, input: PaperInput, paperId?: number) {
	const measureIds = [...new Set(input.measureIds)];
	if ((await queries.existingMeasures(db, measureIds)).length !== measureIds.length) throw new BodiesError('measureIds', 'Eine der genannten Maßnahmen gibt es nicht.');
	const same = await queries.paperByReference(db, input.reference);
	if (same && same.id !== paperId) throw new BodiesError('reference', `Das Aktenzeichen „${input.reference}“ ist schon vergeben.`);
	return measureIds;
}

export async function createPaper(db: Db, actor: Actor, input: PaperInput) {
	if (!bodiesPolicy.submitPaper(actor, input.originAgs)) throw new ForbiddenError();
	const measureIds = await checkPaper(db, input);
	return transaction(db, async (tx) => {
		const { measureIds: _m, ...values } = input;
		const row = await queries.insertPaper(tx, values, measureIds);
		await recordAudit(tx, actor, { action: 'paper.create', entityType: 'paper', entityId: row.id, municipality: input.originAgs, after: { ...values, measureIds } });
		return row;
	});
}

/** Whether a body has decided on the paper: then its wording is part of the record and stays. */
async function paperDecided(db: Db, paperId: number) {
	const consulted = await queries.consultations(db, paperId);
	return { consulted, decided: (await queries.decisionsOfItems(db, consulted.map((c) => c.item.id))).length > 0 };
}

/** Changes a paper until a body has decided on it; who brought it in (or the office) may, also to hand it to another origin they act for. */
export async function updatePaper(db: Db, actor: Actor, paperId: number, input: PaperInput) {
	const before = isRowId(paperId) ? await queries.findPaper(db, paperId) : undefined;
	if (!before) throw new NotFoundError();
	if (!bodiesPolicy.submitPaper(actor, before.originAgs) || !bodiesPolicy.submitPaper(actor, input.originAgs)) throw new ForbiddenError();
	if ((await paperDecided(db, paperId)).decided) throw new BodiesError('reference', 'Über diese Vorlage ist schon beschlossen; ihr Wortlaut bleibt, wie er beraten wurde. Ergänzen Sie bei Bedarf ein Dokument.');
	const measureIds = await checkPaper(db, input, paperId);
	await transaction(db, async (tx) => {
		const { measureIds: _m, ...values } = input;
		await queries.updatePaper(tx, paperId, values, measureIds);
		await recordAudit(tx, actor, {
			action: 'paper.update',
			entityType: 'paper',
			entityId: paperId,
			municipality: input.originAgs,
			before: { reference: before.reference, title: before.title, paperType: before.paperType, originAgs: before.originAgs, paperDate: before.paperDate, text: before.text },
			after: { ...values, measureIds }
		});
	});
	await reindexSearch(db, [bodiesSearchSource]);
}

/** Removes a paper no agenda item consults yet, with its documents. */
export async function removePaper(db: Db, storage: Storage, actor: Actor, paperId: number) {
	const p = isRowId(paperId) ? await queries.findPaper(db, paperId) : undefined;
	if (!p) throw new NotFoundError();
	if (!bodiesPolicy.submitPaper(actor, p.originAgs)) throw new ForbiddenError();
	if ((await paperDecided(db, paperId)).consulted.length) throw new BodiesError('paper', 'Diese Vorlage steht auf einer Tagesordnung. Nehmen Sie sie dort zuerst heraus.');
	const files = await queries.filesOf(db, { paperId });
	await transaction(db, async (tx) => {
		await queries.deletePaper(tx, paperId);
		await recordAudit(tx, actor, { action: 'paper.remove', entityType: 'paper', entityId: paperId, municipality: p.originAgs, before: { reference: p.reference, title: p.title, files: files.length } });
	});
	for (const f of files) await storage.remove(f.storageKey);
}

export async function createMeeting(db: Db, actor: Actor, bodyId: number, input: { startsAt: Date; endsAt: Date | null; locationText: string | null; onlineUrl: string | null }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	if (!isRowId(bodyId) || !(await queries.findBody(db, bodyId))) throw new NotFoundError();
	if (input.endsAt && input.endsAt < input.startsAt) throw new BodiesError('endsAt', 'Das Ende der Sitzung darf nicht vor ihrem Beginn liegen.');
	if (!input.locationText && !input.onlineUrl) throw new BodiesError('locationText', 'Bitte geben Sie einen Ort oder eine Adresse für die Online-Sitzung an.');
	return transaction(db, async (tx) => {
		const row = await queries.insertMeeting(tx, { bodyId, ...input });
		await recordAudit(tx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { bodyId, ...input } });
		return row;
	});
}

export async function addAgendaItem(db: Db, actor: Actor, meetingId: number, input: { title: string; isPublic: boolean; paperId: number | null }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const m = isRowId(meetingId) ? await queries.findMeeting(db, meetingId) : undefined;
	if (!m) throw new NotFoundError();
	if (input.paperId !== null && !(isRowId(input.paperId) && (await queries.findPaper(db, input.paperId)))) throw new BodiesError('paperId', 'Diese Vorlage gibt es nicht.');
	return transaction(db, async (tx) => {
		const row = await queries.insertAgendaItem(tx, { meetingId, ...input });
		await recordAudit(tx, actor, { action: 'meeting.agenda.add', entityType: 'meeting', entityId: meetingId, after: { item: row.number, ...input } });
		return row;
	}).then(async (row) => {
		// a paper becomes public (and findable) when a public item consults it
		if (input.paperId !== null && input.isPublic) await reindexSearch(db, [bodiesSearchSource]);
		return row;
	});
}

/**
 * The agenda can change until the first decision of the meeting is recorded; from then on the
 * numbers are part of the record, so items are no longer moved or removed (titles may still be
 * put right, and undecided items may change paper and publicity).
 */
async function agendaItemForChange(db: Db, actor: Actor, itemId: number) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const found = isRowId(itemId) ? await queries.findAgendaItem(db, itemId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.meeting.status === 'cancelled') throw new BodiesError('agenda', 'Die Sitzung ist abgesagt; ihre Tagesordnung bleibt, wie sie war.');
	return found;
}

export async function updateAgendaItem(db: Db, actor: Actor, itemId: number, input: { title: string; isPublic: boolean; paperId: number | null }) {
	const { item } = await agendaItemForChange(db, actor, itemId);
	if (input.paperId !== null && !(isRowId(input.paperId) && (await queries.findPaper(db, input.paperId)))) throw new BodiesError('paperId', 'Diese Vorlage gibt es nicht.');
	const decided = (await queries.decisionsOfItems(db, [itemId])).length > 0;
	if (decided && (input.isPublic !== item.isPublic || input.paperId !== item.paperId)) throw new BodiesError('agenda', 'Zu diesem Punkt ist ein Beschluss erfasst: Vorlage und Öffentlichkeit bleiben, nur der Titel kann berichtigt werden.');
	await transaction(db, async (tx) => {
		await queries.updateAgendaItem(tx, itemId, input);
		await recordAudit(tx, actor, { action: 'meeting.agenda.update', entityType: 'meeting', entityId: item.meetingId, before: { item: item.number, title: item.title, isPublic: item.isPublic, paperId: item.paperId }, after: { item: item.number, ...input } });
	});
	// publicity decides whether the paper and the item are findable
	await reindexSearch(db, [bodiesSearchSource]);
}

async function refuseIfDecided(db: Db, meetingId: number) {
	if (await queries.meetingHasDecisions(db, meetingId)) throw new BodiesError('agenda', 'In dieser Sitzung ist schon beschlossen worden; die Nummern der Tagesordnung stehen fest.');
}

export async function removeAgendaItem(db: Db, actor: Actor, itemId: number) {
	const { item } = await agendaItemForChange(db, actor, itemId);
	await refuseIfDecided(db, item.meetingId);
	await transaction(db, async (tx) => {
		await queries.deleteAgendaItem(tx, itemId);
		const rest = (await queries.listAgendaItems(tx, item.meetingId)).map((i) => i.item.id);
		await queries.renumberAgenda(tx, item.meetingId, rest);
		await recordAudit(tx, actor, { action: 'meeting.agenda.remove', entityType: 'meeting', entityId: item.meetingId, before: { item: item.number, title: item.title, paperId: item.paperId } });
	});
	await reindexSearch(db, [bodiesSearchSource]);
}

/** Moves an item one place up or down; the items are numbered anew. */
export async function moveAgendaItem(db: Db, actor: Actor, itemId: number, direction: 'up' | 'down') {
	const { item } = await agendaItemForChange(db, actor, itemId);
	await refuseIfDecided(db, item.meetingId);
	await transaction(db, async (tx) => {
		const ids = (await queries.listAgendaItems(tx, item.meetingId)).map((i) => i.item.id);
		const at = ids.indexOf(itemId);
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= ids.length) return;
		[ids[at], ids[to]] = [ids[to], ids[at]];
		await queries.renumberAgenda(tx, item.meetingId, ids);
		await recordAudit(tx, actor, { action: 'meeting.agenda.move', entityType: 'meeting', entityId: item.meetingId, before: { item: item.number }, after: { item: String(to + 1), title: item.title } });
	});
}

/** Every seat's vote, with the person who cast it: the holder, or the deputy standing in. */
async function seatVotes(db: Db, bodyId: number, on: string, votes: Record<string, VoteChoice>, cast: Record<string, 'holder' | 'deputy'> = {}) {
	const list = await seats(db, bodyId, on);
	const missing = list.filter((s) => !voteChoices.includes(votes[s.municipality]));
	if (missing.length) throw new BodiesError('votes', `Bitte tragen Sie für jede Kommune eine Stimme ein (es fehlt: ${missing.map((s) => s.name).join(', ')}).`);
	const unknown = Object.keys(votes).filter((ags) => !list.some((s) => s.municipality === ags));
	if (unknown.length) throw new BodiesError('votes', 'Stimmen gibt es nur für die Sitze der Mitgliedskommunen.');
	return list.map((s): SeatVote => {
		const by = votes[s.municipality] === 'absent' ? null : cast[s.municipality] === 'deputy' ? s.deputy : s.holder;
		return { municipality: s.municipality, vote: votes[s.municipality], personId: by?.id ?? null, personName: by?.name ?? null };
	});
}

/**
 * Records the vote on an agenda item: every seat's vote, the body's rule in force and the result
 * computed from them. An item is decided once; a mistake is put right by a correction.
 */
export async function recordDecision(db: Db, actor: Actor, agendaItemId: number, input: { votes: Record<string, VoteChoice>; cast?: Record<string, 'holder' | 'deputy'>; text: string | null }) {
	if (!bodiesPolicy.recordDecision(actor)) throw new ForbiddenError();
	const found = isRowId(agendaItemId) ? await queries.findAgendaItem(db, agendaItemId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.meeting.status === 'cancelled') throw new BodiesError('votes', 'Die Sitzung ist abgesagt.');
	if ((await queries.decisionsOfItems(db, [agendaItemId])).length) throw new BodiesError('votes', 'Zu diesem Punkt ist schon ein Beschluss erfasst. Er kann nur berichtigt werden.');
	const on = berlinDate(found.meeting.startsAt);
	const votes = await seatVotes(db, found.body.id, on, input.votes, input.cast);
	const rule: DecisionRule = { kind: found.body.ruleKind, abstentionBlocks: found.body.abstentionBlocks };
	const { result, tally } = decide(
		votes.map((v) => v.vote),
		rule
	);
	return transaction(db, async (tx) => {
		const row = await queries.insertDecision(tx, { agendaItemId, text: input.text, rule, votes, tally, result, recordedBy: actor.name });
		if (found.meeting.status !== 'held') await queries.updateMeeting(tx, found.meeting.id, { status: 'held' });
		await recordAudit(tx, actor, { action: 'decision.record', entityType: 'decision', entityId: row.id, after: { agendaItem: agendaItemId, result, votes: Object.fromEntries(votes.map((v) => [v.municipality, v.vote])) } });
		return row;
	});
}

/** Corrects a recorded decision: a new record with the reason; the original stays visible. */
export async function correctDecision(db: Db, actor: Actor, decisionId: number, input: { votes: Record<string, VoteChoice>; cast?: Record<string, 'holder' | 'deputy'>; text: string | null; reason: string }) {
	if (!bodiesPolicy.correctDecision(actor)) throw new ForbiddenError();
	const original = isRowId(decisionId) ? await queries.findDecision(db, decisionId) : undefined;
	if (!original) throw new NotFoundError();
	const reason = input.reason.trim();
	if (reason.length < 5) throw new BodiesError('reason', 'Bitte begründen Sie die Berichtigung.');
	if (await queries.isCorrected(db, decisionId)) throw new BodiesError('votes', 'Dieser Beschluss ist schon berichtigt; berichtigen Sie die neueste Fassung.');
	const found = (await queries.findAgendaItem(db, original.agendaItemId))!;
	const votes = await seatVotes(db, found.body.id, berlinDate(found.meeting.startsAt), input.votes, input.cast);
	// the rule in force at the meeting, not a later one
	const { result, tally } = decide(
		votes.map((v) => v.vote),
		original.rule
	);
	return transaction(db, async (tx) => {
		const row = await queries.insertDecision(tx, { agendaItemId: original.agendaItemId, text: input.text, rule: original.rule, votes, tally, result, corrects: decisionId, correctionReason: reason, recordedBy: actor.name });
		await recordAudit(tx, actor, {
			action: 'decision.correct',
			entityType: 'decision',
			entityId: row.id,
			before: { decision: decisionId, result: original.result, votes: Object.fromEntries(original.votes.map((v) => [v.municipality, v.vote])) },
			after: { result, reason, votes: Object.fromEntries(votes.map((v) => [v.municipality, v.vote])) }
		});
		return row;
	});
}

/** The bodies the actor sits in today (closed items are theirs to read). */
export async function memberships(db: Db, actor: Actor) {
	return actor.id ? queries.bodiesOfAccount(db, actor.id, berlinDate()) : [];
}

/**
 * A meeting as the actor may see it: closed items, closed minutes and their decisions only for
 * the body's members and the coordination office. Each item carries its decisions, the one in
 * force last, corrections with their reasons before it.
 */
export async function getMeeting(db: Db, actor: Actor, meetingId: number) {
	const found = isRowId(meetingId) ? await queries.findMeeting(db, meetingId) : undefined;
	if (!found) throw new NotFoundError();
	const closed = bodiesPolicy.readClosed(actor, found.body.id, await memberships(db, actor));
	const items = (await queries.listAgendaItems(db, meetingId)).filter((i) => closed || i.item.isPublic);
	const decisions = await queries.decisionsOfItems(
		db,
		items.map((i) => i.item.id)
	);
	return {
		meeting: { ...found.meeting, closedMinutes: closed ? found.meeting.closedMinutes : null },
		body: found.body,
		showsClosed: closed,
		items: items.map((i) => ({ ...i, decisions: decisions.filter((d) => d.agendaItemId === i.item.id) }))
	};
}

/** Minutes: the public part is published with the meeting, the closed part only for members. */
export async function saveMinutes(db: Db, actor: Actor, meetingId: number, input: { publicMinutes: string | null; closedMinutes: string | null }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const found = isRowId(meetingId) ? await queries.findMeeting(db, meetingId) : undefined;
	if (!found) throw new NotFoundError();
	await transaction(db, async (tx) => {
		await queries.updateMeeting(tx, meetingId, input);
		await recordAudit(tx, actor, { action: 'meeting.minutes', entityType: 'meeting', entityId: meetingId, before: { publicMinutes: found.meeting.publicMinutes, closedMinutes: found.meeting.closedMinutes }, after: input });
	});
}

/** Cancels a meeting (its record stays); members already invited get the cancellation for their calendar. */
export async function cancelMeeting(db: Db, actor: Actor, meetingId: number, ctx: { origin: string }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const found = isRowId(meetingId) ? await queries.findMeeting(db, meetingId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.meeting.status === 'held') throw new BodiesError('status', 'Eine durchgeführte Sitzung kann nicht abgesagt werden.');
	return transaction(db, async (tx) => {
		const sequence = found.meeting.icsSequence + 1;
		await queries.updateMeeting(tx, meetingId, { status: 'cancelled', icsSequence: sequence });
		const mailIds = found.meeting.invitedAt ? await mailMembers(tx, { ...found, meeting: { ...found.meeting, icsSequence: sequence } }, ctx, true) : [];
		await recordAudit(tx, actor, { action: 'meeting.cancel', entityType: 'meeting', entityId: meetingId, before: { status: found.meeting.status }, after: { status: 'cancelled', mails: mailIds.length } });
		return mailIds;
	});
}

/**
 * Invites the body's current members by e-mail, each with the meeting as an iCalendar request
 * (.ics) attached. A second invitation after a change raises the sequence, so calendars update the
 * entry instead of adding one. Returns the mails to dispatch after commit.
 */
export async function inviteMembers(db: Db, actor: Actor, meetingId: number, ctx: { origin: string }) {
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	const found = isRowId(meetingId) ? await queries.findMeeting(db, meetingId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.meeting.status === 'cancelled' || found.meeting.status === 'held') throw new BodiesError('status', 'Zu einer abgesagten oder durchgeführten Sitzung wird nicht mehr eingeladen.');
	return transaction(db, async (tx) => {
		const sequence = found.meeting.invitedAt ? found.meeting.icsSequence + 1 : found.meeting.icsSequence;
		const meetingNow = { ...found.meeting, icsSequence: sequence };
		const mailIds = await mailMembers(tx, { ...found, meeting: meetingNow }, ctx, false);
		if (!mailIds.length) throw new BodiesError('members', 'Niemand in diesem Gremium hat eine E-Mail-Adresse für Einladungen.');
		await queries.updateMeeting(tx, meetingId, { status: 'invited', invitedAt: new Date(), icsSequence: sequence });
		await recordAudit(tx, actor, { action: 'meeting.invite', entityType: 'meeting', entityId: meetingId, after: { mails: mailIds.length, sequence } });
		return mailIds;
	});
}

const meetingTime = (at: Date) => at.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'short' });

async function mailMembers(db: Db, found: { meeting: queries.MeetingRow; body: queries.BodyRow }, ctx: { origin: string }, cancelled: boolean) {
	const { meeting: m, body: b } = found;
	const [members, items, region] = await Promise.all([queries.currentMembers(db, b.id, berlinDate(m.startsAt)), queries.listAgendaItems(db, m.id), regionQueries.findRegion(db)]);
	const url = `${ctx.origin}/gremien/sitzungen/${m.id}`;
	const agenda = items.map((i) => `${i.item.number}. ${i.item.title}${i.item.isPublic ? '' : ' (nichtöffentlich)'}`).join('\n');
	const office = region?.coordinationOffice;
	const calendar = addEvent(newCalendar({ name: b.name, method: cancelled ? 'cancel' : 'request' }), {
		uid: `meeting-${m.id}@${new URL(ctx.origin).hostname}`,
		sequence: m.icsSequence,
		start: m.startsAt,
		end: m.endsAt ?? new Date(m.startsAt.getTime() + 2 * 3_600_000),
		summary: `${cancelled ? 'Abgesagt: ' : ''}${b.name}`,
		description: `${agenda}\n\n${url}`,
		location: [m.locationText, m.onlineUrl].filter(Boolean).join(' – ') || null,
		url,
		cancelled,
		organizer: office?.email ? { name: office.name ?? 'Koordinierungsstelle', email: office.email } : undefined,
		attendees: members.filter((x) => x.person.email).map((x) => ({ name: x.person.name, email: x.person.email! }))
	});
	const ics = Buffer.from(calendarText(calendar)).toString('base64');
	const ids: number[] = [];
	for (const member of members) {
		if (!member.person.email) continue;
		ids.push(
			await enqueueMail(db, {
				...composeMail(member.person.email, 'de', {
					subject: `${cancelled ? 'Abgesagt' : 'Einladung'}: ${b.name} am ${meetingTime(m.startsAt)}`,
					paragraphs: [
						`Guten Tag ${member.person.name},`,
						cancelled
							? `die Sitzung „${b.name}“ am ${meetingTime(m.startsAt)} ist abgesagt.`
							: `hiermit laden wir Sie zur Sitzung „${b.name}“ am ${meetingTime(m.startsAt)} ein${m.locationText ? ` (${m.locationText})` : ''}${m.onlineUrl ? `; online: ${m.onlineUrl}` : ''}.`,
						...(cancelled || !agenda ? [] : [`Tagesordnung:\n${agenda}`]),
						'Den Termin für Ihren Kalender finden Sie im Anhang.'
					],
					action: { label: 'Sitzung ansehen', url },
					footer: 'Sie erhalten diese Nachricht als Mitglied des Gremiums.'
				}),
				topic: `meeting:${m.id}`,
				attachments: [{ filename: cancelled ? 'absage.ics' : 'einladung.ics', contentType: `text/calendar; method=${cancelled ? 'CANCEL' : 'REQUEST'}; charset=utf-8`, content: ics }]
			})
		);
	}
	return ids;
}

export const listBodies = queries.listBodies;

/** A body with its seats (who holds each municipality's vote today), its other members and meetings. */
export async function getBody(db: Db, bodyId: number) {
	const b = isRowId(bodyId) ? await queries.findBody(db, bodyId) : undefined;
	if (!b) throw new NotFoundError();
	const today = berlinDate();
	const [seatList, members, terms, meetings] = await Promise.all([seats(db, bodyId, today), queries.currentMembers(db, bodyId, today), queries.listTerms(db, bodyId), queries.listMeetingsOfBody(db, bodyId, 100)]);
	return { body: b, seats: seatList, members, terms, meetings };
}

export async function getPaper(db: Db, actor: Actor, paperId: number) {
	const p = isRowId(paperId) ? await queries.findPaper(db, paperId) : undefined;
	if (!p) throw new NotFoundError();
	const [measures, consulted, mine] = await Promise.all([queries.paperMeasures(db, [paperId]), queries.consultations(db, paperId), memberships(db, actor)]);
	// a paper is public once a public item consults it; before that, or only in closed items, it is for those involved
	const visible =
		consulted.some((c) => c.item.isPublic) ||
		bodiesPolicy.manage(actor) ||
		consulted.some((c) => bodiesPolicy.readClosed(actor, c.meeting.bodyId, mine)) ||
		(p.originAgs !== null && bodiesPolicy.submitPaper(actor, p.originAgs));
	if (!visible) throw new NotFoundError();
	const decided = (await queries.decisionsOfItems(db, consulted.map((c) => c.item.id))).length > 0;
	return {
		paper: p,
		// internal measures stay internal here too
		measures: measures.filter((m) => m.isPublic),
		/** For the back office's form only: every linked measure, internal ones included. */
		allMeasureIds: measures.map((m) => m.id),
		decided,
		consultations: consulted.filter((c) => c.item.isPublic || bodiesPolicy.readClosed(actor, c.meeting.bodyId, mine))
	};
}

export const listPapers = queries.listPapers;
export const listPublicDecisions = queries.listPublicDecisions;

/** Search: papers consulted in public, and the public agenda items with their decisions. Never a closed item. */
export const bodiesSearchSource: SearchSource = {
	name: 'bodies',
	label: { de: 'Gremien', en: 'Bodies' },
	version: 1,
	async documents(db) {
		const docs = [];
		let afterId = 0;
		for (;;) {
			const page = await queries.listPublicPapers(db, 500, afterId);
			for (const p of page) {
				for (const locale of ['de', 'en'] as const) docs.push({ ref: `paper-${p.id}`, locale, title: `${p.reference}: ${p.title}`, summary: p.text.slice(0, 200), body: p.text, url: `/gremien/vorlagen/${p.id}` });
			}
			if (page.length < 500) break;
			afterId = page[page.length - 1].id;
		}
		return docs;
	}
};

type FileOwner = { paperId: number } | { meetingId: number };

/** Who may add or remove documents here: the coordination office; for a paper also its originating municipality. */
async function ownerForEditing(db: Db, actor: Actor, owner: FileOwner) {
	if ('paperId' in owner) {
		const p = isRowId(owner.paperId) ? await queries.findPaper(db, owner.paperId) : undefined;
		if (!p) throw new NotFoundError();
		if (!bodiesPolicy.submitPaper(actor, p.originAgs)) throw new ForbiddenError();
		return { municipality: p.originAgs };
	}
	if (!(isRowId(owner.meetingId) && (await queries.findMeeting(db, owner.meetingId)))) throw new NotFoundError();
	if (!bodiesPolicy.manage(actor)) throw new ForbiddenError();
	return { municipality: null };
}

/** A document of a paper or a meeting, checked by its content like every upload (a meeting's may belong to its closed part). */
export async function addFile(db: Db, storage: Storage, actor: Actor, owner: FileOwner, input: { title: string; fileName: string; data: Buffer; isPublic: boolean }) {
	const { municipality } = await ownerForEditing(db, actor, owner);
	let checked;
	try {
		checked = await checkDocument(input.data);
	} catch (e) {
		if (e instanceof DocumentError) throw new BodiesError('file', documentMessages[e.reason]);
		throw e;
	}
	const title = input.title.trim().slice(0, 200) || input.fileName.replace(/\.[^.]*$/, '').slice(0, 200) || 'Dokument';
	const key = newStorageKey('bodies', checked.extension);
	await storage.put(key, checked.data);
	try {
		return await transaction(db, async (tx) => {
			const row = await queries.insertFile(tx, { ...owner, title, fileName: input.fileName.slice(0, 200), mediaType: checked.mediaType, byteSize: checked.data.length, storageKey: key, isPublic: 'paperId' in owner ? true : input.isPublic });
			await recordAudit(tx, actor, { action: 'body.file.add', entityType: 'paperId' in owner ? 'paper' : 'meeting', entityId: 'paperId' in owner ? owner.paperId : owner.meetingId, municipality, after: { file: row.id, title, mediaType: row.mediaType, isPublic: row.isPublic } });
			return row;
		});
	} catch (e) {
		await storage.remove(key);
		throw e;
	}
}

const documentMessages = {
	empty: 'Bitte wählen Sie eine Datei.',
	too_large: 'Die Datei ist zu groß (höchstens 20 MB).',
	type: 'Diese Datei wird nicht angenommen: erlaubt sind PDF, Word/Excel/PowerPoint (ohne Makros), OpenDocument und Bilder.'
} as const;

export async function removeFile(db: Db, storage: Storage, actor: Actor, fileId: number) {
	const file = isRowId(fileId) ? await queries.findFile(db, fileId) : undefined;
	if (!file) throw new NotFoundError();
	await ownerForEditing(db, actor, file.paperId ? { paperId: file.paperId } : { meetingId: file.meetingId! });
	await transaction(db, async (tx) => {
		await queries.deleteFile(tx, fileId);
		await recordAudit(tx, actor, { action: 'body.file.remove', entityType: file.paperId ? 'paper' : 'meeting', entityId: (file.paperId ?? file.meetingId)!, before: { file: fileId, title: file.title } });
	});
	await storage.remove(file.storageKey);
}

/** A document for download, if the actor may see it (a paper's with the paper, a meeting's closed ones for members). */
export async function readFile(db: Db, storage: Storage, actor: Actor, fileId: number) {
	const file = isRowId(fileId) ? await queries.findFile(db, fileId) : undefined;
	if (!file) throw new NotFoundError();
	if (file.paperId) await getPaper(db, actor, file.paperId);
	else {
		const m = await getMeeting(db, actor, file.meetingId!);
		if (!file.isPublic && !m.showsClosed) throw new NotFoundError();
	}
	const data = await storage.read(file.storageKey);
	if (!data) throw new NotFoundError();
	return { file, data };
}

/** The documents of a paper or a meeting the actor may see. */
export async function listFiles(db: Db, owner: FileOwner, showsClosed: boolean) {
	return (await queries.filesOf(db, owner)).filter((f) => f.isPublic || showsClosed);
}
