import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, guestActor, NotFoundError, type Actor } from '#lib/server/actor.ts';
import type { VoteChoice } from '../decisions.ts';
import { removeDemoBodies, seedDemoBodies } from './demo.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { localStorage } from '#lib/server/storage/index.ts';
import { search } from '../../search/server/service.ts';
import { listPublicDecisions } from './queries.ts';
import { addAgendaItem, moveAgendaItem, removeAgendaItem, updateAgendaItem, updatePaper, removePaper, appoint, BodiesError, cancelMeeting, correctDecision, createBody, createMeeting, createPaper, createPerson, addFile, getMeeting, getPaper, inviteMembers, readFile, recordDecision, seats, setBodyRule } from './service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let members: { ags: string; name: string }[];
let naunhofAccount: string;
beforeAll(async () => {
	database = await openTestDatabase();
	// the test database holds the demo data; these tests start without bodies
	expect(await removeDemoBodies(database.db)).toBe(1);
	members = await queryRows<{ ags: string; name: string }>(database.db, sql`select ags, name from municipality order by sort_order`);
	[{ id: naunhofAccount }] = await queryRows<{ id: string }>(database.db, sql`select id from account where email = 'admin.naunhof@partheland.example'`);
});
afterAll(() => database?.drop());

const coordinator: Actor = { kind: 'user', name: 'Kerstin Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };
const adminNaunhof: Actor = { kind: 'user', name: 'Norbert Naunhof', grants: [{ role: 'municipality_admin', scope: { municipality: NAUNHOF } }] };
const mayorNaunhof = (): Actor => ({ kind: 'user', id: naunhofAccount, name: 'Norbert Naunhof', grants: [{ role: 'municipality_admin', scope: { municipality: NAUNHOF } }] });
const staffBorsdorf: Actor = { kind: 'user', id: undefined, name: 'Bernd Borsdorf', grants: [{ role: 'staff', scope: { municipality: BORSDORF } }] };

const all = (vote: VoteChoice) => Object.fromEntries(members.map((m) => [m.ags, vote])) as Record<string, VoteChoice>;

describe('a body deciding by equal vote', () => {
	let bodyId: number;
	let meetingId: number;
	let openItem: number;
	let closedItem: number;

	it('is set up by the coordination office; each municipality appoints its own seat holder and deputy', async () => {
		await expect(createBody(database.db, staffBorsdorf, { name: 'x', shortName: 'x', kind: 'other', actionFieldId: null, description: null, rule: { kind: 'majority', abstentionBlocks: false } })).rejects.toBeInstanceOf(ForbiddenError);
		const b = await createBody(database.db, coordinator, { name: 'Lenkungsgruppe der Bürgermeister', shortName: 'LG', kind: 'steering_group', actionFieldId: null, description: null, rule: { kind: 'unanimous', abstentionBlocks: false } });
		bodyId = b.id;
		for (const m of members) {
			const holder = await createPerson(database.db, coordinator, { name: `Bürgermeister ${m.name}`, title: 'Bürgermeister', municipalityAgs: m.ags, email: `bm@${m.ags}.example`, accountId: null });
			await appoint(database.db, coordinator, bodyId, { personId: holder.id, municipalityAgs: m.ags, role: 'member', votingRole: 'holder', startOn: '2026-01-01' });
		}
		// Naunhof names its deputy itself; Borsdorf's staff may not appoint for Naunhof
		const deputy = await createPerson(database.db, adminNaunhof, { name: 'Dana Vertretung', title: 'Erste Beigeordnete', municipalityAgs: NAUNHOF, email: 'vertretung@naunhof.example' });
		expect(deputy.accountId).toBeNull();
		// an address of a verified platform account links the person to it
		const linked = await createPerson(database.db, adminNaunhof, { name: 'Norbert Naunhof', title: null, municipalityAgs: NAUNHOF, email: 'Admin.Naunhof@partheland.example' });
		expect(linked.accountId).toBe(naunhofAccount);
		await expect(appoint(database.db, staffBorsdorf, bodyId, { personId: deputy.id, municipalityAgs: NAUNHOF, role: 'deputy', votingRole: 'deputy', startOn: '2026-01-01' })).rejects.toBeInstanceOf(ForbiddenError);
		await appoint(database.db, adminNaunhof, bodyId, { personId: deputy.id, municipalityAgs: NAUNHOF, role: 'deputy', votingRole: 'deputy', startOn: '2026-01-01' });
		const list = await seats(database.db, bodyId, '2026-06-01');
		expect(list).toHaveLength(7);
		expect(list.every((s) => s.holder)).toBe(true);
		expect(list.find((s) => s.municipality === NAUNHOF)?.deputy?.name).toBe('Dana Vertretung');
	});

	it('keeps one seat holder per municipality: a new one ends the former', async () => {
		const successor = await createPerson(database.db, adminNaunhof, { name: 'Neue Bürgermeisterin Naunhof', title: 'Bürgermeisterin', municipalityAgs: NAUNHOF, email: null, accountId: naunhofAccount });
		await appoint(database.db, adminNaunhof, bodyId, { personId: successor.id, municipalityAgs: NAUNHOF, role: 'member', votingRole: 'holder', startOn: '2026-09-01' });
		expect((await seats(database.db, bodyId, '2026-08-31')).find((s) => s.municipality === NAUNHOF)?.holder?.name).toBe('Bürgermeister Naunhof');
		expect((await seats(database.db, bodyId, '2026-09-01')).find((s) => s.municipality === NAUNHOF)?.holder?.name).toBe('Neue Bürgermeisterin Naunhof');
	});

	it('prepares a meeting with a paper linked to a measure, one public and one closed item', async () => {
		const [{ id: measureId }] = await queryRows<{ id: number }>(database.db, sql`select id from measure order by id limit 1`);
		await expect(createPaper(database.db, staffBorsdorf, { reference: 'BV 2026/001', title: 'x', paperType: 'resolution', originAgs: NAUNHOF, text: 'x', paperDate: '2026-05-01', measureIds: [] })).rejects.toBeInstanceOf(ForbiddenError);
		const paper = await createPaper(database.db, coordinator, { reference: 'BV 2026/001', title: 'Gemeinsames Bürgerportal: Betrieb ab 2027', paperType: 'resolution', originAgs: null, text: 'Die Lenkungsgruppe beschließt den gemeinsamen Betrieb.', paperDate: '2026-05-01', measureIds: [measureId] });
		await expect(createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-06-10T16:00:00Z'), endsAt: null, locationText: null, onlineUrl: null })).rejects.toBeInstanceOf(BodiesError);
		const m = await createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-06-10T16:00:00Z'), endsAt: new Date('2026-06-10T18:00:00Z'), locationText: 'Rathaus Naunhof, Markt 1', onlineUrl: null });
		meetingId = m.id;
		openItem = (await addAgendaItem(database.db, coordinator, meetingId, { title: 'Betrieb des Bürgerportals', isPublic: true, paperId: paper.id })).id;
		closedItem = (await addAgendaItem(database.db, coordinator, meetingId, { title: 'Personalangelegenheit', isPublic: false, paperId: null })).id;
		await expect(addAgendaItem(database.db, coordinator, meetingId, { title: 'x', isPublic: true, paperId: 999_999 })).rejects.toMatchObject({ field: 'paperId' });
	});

	it('invites the members by e-mail with the meeting as an iCalendar request; a second invitation updates it', async () => {
		const ctx = { origin: 'https://partheland.example' };
		const ids = await inviteMembers(database.db, coordinator, meetingId, ctx);
		// seven holders with an address, Naunhof's deputy and its new mayor (no address): eight mails
		expect(ids).toHaveLength(8);
		const [mail] = await queryRows<{ recipient: string; subject: string; body: string; attachments: { filename: string; contentType: string; content: string }[] }>(
			database.db,
			sql`select recipient, subject, body, attachments from mail_outbox where id = ${ids[0]}`
		);
		expect(mail.subject).toMatch(/^Einladung: Lenkungsgruppe der Bürgermeister am Mittwoch, 10\. Juni 2026 um 18:00/);
		expect(mail.body).toContain('1. Betrieb des Bürgerportals');
		expect(mail.attachments[0]).toMatchObject({ filename: 'einladung.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8' });
		const text = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
		const calendar = new ICAL.Component(ICAL.parse(text));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		expect(event.uid).toBe(`meeting-${meetingId}@partheland.example`);
		expect(event.startDate.toString()).toBe('2026-06-10T18:00:00');
		expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
		expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
		expect(event.sequence).toBe(0);
		expect(event.attendees.length).toBe(8);
		expect((await getMeeting(database.db, coordinator, meetingId)).meeting.status).toBe('invited');

		const again = await inviteMembers(database.db, coordinator, meetingId, ctx);
		const [second] = await queryRows<{ attachments: { content: string }[] }>(database.db, sql`select attachments from mail_outbox where id = ${again[0]}`);
		const updated = new ICAL.Event(new ICAL.Component(ICAL.parse(Buffer.from(second.attachments[0].content, 'base64').toString('utf8'))).getFirstSubcomponent('vevent')!);
		expect(updated.uid).toBe(event.uid);
		expect(updated.sequence).toBe(1);
		await expect(inviteMembers(database.db, adminNaunhof, meetingId, ctx)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('sends the invited members the cancellation of a meeting', async () => {
		const other = await createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-12-10T16:00:00Z'), endsAt: null, locationText: 'Gemeindeamt Großpösna', onlineUrl: null });
		await inviteMembers(database.db, coordinator, other.id, { origin: 'https://partheland.example' });
		const ids = await cancelMeeting(database.db, coordinator, other.id, { origin: 'https://partheland.example' });
		expect(ids.length).toBeGreaterThan(0);
		const [mail] = await queryRows<{ subject: string; attachments: { content: string }[] }>(database.db, sql`select subject, attachments from mail_outbox where id = ${ids[0]}`);
		expect(mail.subject).toMatch(/^Abgesagt:/);
		const calendar = new ICAL.Component(ICAL.parse(Buffer.from(mail.attachments[0].content, 'base64').toString('utf8')));
		expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('sequence')).toBe(1);
	});

	it('computes the result from every seat’s vote and the rule in force, and stores both', async () => {
		await expect(recordDecision(database.db, coordinator, openItem, { votes: { [NAUNHOF]: 'yes' }, text: null })).rejects.toMatchObject({ field: 'votes' });
		const votes = { ...all('yes'), [BORSDORF]: 'abstain' as const, [NAUNHOF]: 'yes' as const };
		const d = await recordDecision(database.db, coordinator, openItem, { votes, cast: { [NAUNHOF]: 'deputy' }, text: 'Der Betrieb wird gemeinsam übernommen.' });
		expect(d.result).toBe('adopted');
		expect(d.rule).toEqual({ kind: 'unanimous', abstentionBlocks: false });
		expect(d.tally).toMatchObject({ seats: 7, present: 7, yes: 6, abstain: 1 });
		expect(d.votes.find((v) => v.municipality === NAUNHOF)?.personName).toBe('Dana Vertretung');
		await expect(recordDecision(database.db, coordinator, openItem, { votes, text: null })).rejects.toMatchObject({ field: 'votes' });
		// a later change of the body's rule does not touch what was decided
		await setBodyRule(database.db, coordinator, bodyId, { kind: 'unanimous', abstentionBlocks: true });
		const meeting = await getMeeting(database.db, guestActor, meetingId);
		expect(meeting.items[0].decisions.map((x) => x.result)).toEqual(['adopted']);
		expect(meeting.meeting.status).toBe('held');
	});

	it('is not quorate with four of seven seats absent', async () => {
		const votes = { ...all('absent'), [members[0].ags]: 'yes' as const, [members[1].ags]: 'yes' as const, [members[2].ags]: 'yes' as const };
		const d = await recordDecision(database.db, coordinator, closedItem, { votes, text: null });
		expect(d.result).toBe('inquorate');
		expect(d.votes.filter((v) => v.vote === 'absent').every((v) => v.personName === null)).toBe(true);
	});

	it('is corrected only by a coordinator, with a reason; the original stays visible', async () => {
		const [original] = (await getMeeting(database.db, coordinator, meetingId)).items[0].decisions;
		const votes = { ...all('yes'), [BORSDORF]: 'no' as const };
		await expect(correctDecision(database.db, adminNaunhof, original.id, { votes, text: null, reason: 'Stimme falsch erfasst' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(correctDecision(database.db, coordinator, original.id, { votes, text: null, reason: '' })).rejects.toMatchObject({ field: 'reason' });
		const corrected = await correctDecision(database.db, coordinator, original.id, { votes, text: 'Berichtigt', reason: 'Borsdorf hat mit Nein gestimmt, nicht enthalten.' });
		// still under the rule of the meeting (abstention did not block then), and a no blocks unanimity
		expect(corrected).toMatchObject({ result: 'rejected', corrects: original.id, rule: { abstentionBlocks: false } });
		await expect(correctDecision(database.db, coordinator, original.id, { votes, text: null, reason: 'noch einmal' })).rejects.toMatchObject({ field: 'votes' });
		const item = (await getMeeting(database.db, guestActor, meetingId)).items[0];
		expect(item.decisions.map((x) => [x.result, x.correctionReason])).toEqual([
			['adopted', null],
			['rejected', 'Borsdorf hat mit Nein gestimmt, nicht enthalten.']
		]);
		const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_event where entity_type = 'decision' and entity_id in (select id::text from decision) order by id`);
		expect(audit.map((a) => a.action)).toEqual(['decision.record', 'decision.record', 'decision.correct']);
	});

	it('shows closed items and closed minutes only to members and the coordination office', async () => {
		const guest = await getMeeting(database.db, guestActor, meetingId);
		expect(guest.items.map((i) => i.item.title)).toEqual(['Betrieb des Bürgerportals']);
		expect(guest.showsClosed).toBe(false);
		expect((await getMeeting(database.db, staffBorsdorf, meetingId)).items).toHaveLength(1);
		// Naunhof's new mayor sits in the body with her account (the former holder's seat ended)
		expect((await getMeeting(database.db, mayorNaunhof(), meetingId)).items.map((i) => i.item.title)).toEqual(['Betrieb des Bürgerportals', 'Personalangelegenheit']);
		expect((await getMeeting(database.db, coordinator, meetingId)).showsClosed).toBe(true);
		await expect(getMeeting(database.db, guestActor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('publishes a paper (page and search) only once a public item consults it', async () => {
		const hidden = await createPaper(database.db, coordinator, { reference: 'BV 2026/099', title: 'Grundstückstausch Gewerbegebiet', paperType: 'resolution', originAgs: null, text: 'Vertraulich bis zur Entscheidung.', paperDate: '2026-05-02', measureIds: [] });
		await addAgendaItem(database.db, coordinator, meetingId, { title: 'Grundstücksangelegenheit', isPublic: false, paperId: hidden.id });
		await expect(getPaper(database.db, guestActor, hidden.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getPaper(database.db, coordinator, hidden.id)).paper.title).toBe('Grundstückstausch Gewerbegebiet');
		expect((await search(database.db, { q: 'Grundstückstausch', locale: 'de', page: 1 })).total).toBe(0);
		const hits = await search(database.db, { q: 'Bürgerportal Betrieb 2027', locale: 'de', page: 1 });
		expect(hits.hits.map((h: { title: string }) => h.title)).toContain('BV 2026/001: Gemeinsames Bürgerportal: Betrieb ab 2027');
	});

	it('keeps a meeting’s closed documents for the members, and a hidden paper’s documents hidden', async () => {
		const storage = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-bodies-')));
		const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
		const open = await addFile(database.db, storage, coordinator, { meetingId }, { title: 'Präsentation', fileName: 'p.pdf', data: pdf, isPublic: true });
		const closed = await addFile(database.db, storage, coordinator, { meetingId }, { title: 'Wertgutachten', fileName: 'w.pdf', data: pdf, isPublic: false });
		await expect(addFile(database.db, storage, coordinator, { meetingId }, { title: 'x', fileName: 'x.pdf', data: Buffer.from('<script>'), isPublic: true })).rejects.toMatchObject({ field: 'file' });
		await expect(addFile(database.db, storage, staffBorsdorf, { meetingId }, { title: 'x', fileName: 'x.pdf', data: pdf, isPublic: true })).rejects.toBeInstanceOf(ForbiddenError);
		expect((await readFile(database.db, storage, guestActor, open.id)).file.title).toBe('Präsentation');
		await expect(readFile(database.db, storage, guestActor, closed.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await readFile(database.db, storage, mayorNaunhof(), closed.id)).data.subarray(0, 5).toString()).toBe('%PDF-');
		const [{ id: hiddenPaper }] = await queryRows<{ id: number }>(database.db, sql`select id from paper where reference = 'BV 2026/099'`);
		const attached = await addFile(database.db, storage, coordinator, { paperId: hiddenPaper }, { title: 'Lageplan', fileName: 'l.pdf', data: pdf, isPublic: true });
		await expect(readFile(database.db, storage, guestActor, attached.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('changing the agenda and the papers', () => {
	let bodyId: number;
	const storage = () => localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-papers-')));
	const titles = async (meetingId: number) => (await getMeeting(database.db, coordinator, meetingId)).items.map((i) => `${i.item.number}. ${i.item.title}`);

	beforeAll(async () => {
		bodyId = (await createBody(database.db, coordinator, { name: 'AG Tourismus', shortName: 'AG T', kind: 'working_group', actionFieldId: null, description: null, rule: { kind: 'majority', abstentionBlocks: false } })).id;
	});

	it('moves, edits and removes items and numbers them anew, until the first decision fixes the numbers', async () => {
		const m = await createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-07-01T15:00:00Z'), endsAt: null, locationText: 'Rathaus Brandis', onlineUrl: null });
		const first = await addAgendaItem(database.db, coordinator, m.id, { title: 'Eröffnung', isPublic: true, paperId: null });
		const second = await addAgendaItem(database.db, coordinator, m.id, { title: 'Radwegekarte', isPublic: true, paperId: null });
		const third = await addAgendaItem(database.db, coordinator, m.id, { title: 'Verschiedenes', isPublic: true, paperId: null });
		await moveAgendaItem(database.db, coordinator, third.id, 'up');
		expect(await titles(m.id)).toEqual(['1. Eröffnung', '2. Verschiedenes', '3. Radwegekarte']);
		// moving the first up changes nothing
		await moveAgendaItem(database.db, coordinator, first.id, 'up');
		expect(await titles(m.id)).toEqual(['1. Eröffnung', '2. Verschiedenes', '3. Radwegekarte']);
		await removeAgendaItem(database.db, coordinator, third.id);
		expect(await titles(m.id)).toEqual(['1. Eröffnung', '2. Radwegekarte']);
		// the next item added follows the renumbered ones
		await addAgendaItem(database.db, coordinator, m.id, { title: 'Termine', isPublic: true, paperId: null });
		expect(await titles(m.id)).toEqual(['1. Eröffnung', '2. Radwegekarte', '3. Termine']);
		await updateAgendaItem(database.db, coordinator, second.id, { title: 'Gemeinsame Radwegekarte', isPublic: false, paperId: null });
		expect((await getMeeting(database.db, guestActor, m.id)).items.map((i) => i.item.title)).toEqual(['Eröffnung', 'Termine']);
		await expect(updateAgendaItem(database.db, adminNaunhof, second.id, { title: 'x', isPublic: true, paperId: null })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(moveAgendaItem(database.db, coordinator, 999_999, 'up')).rejects.toBeInstanceOf(NotFoundError);

		await recordDecision(database.db, coordinator, first.id, { votes: all('yes'), text: null });
		await expect(moveAgendaItem(database.db, coordinator, second.id, 'up')).rejects.toMatchObject({ field: 'agenda' });
		await expect(removeAgendaItem(database.db, coordinator, second.id)).rejects.toMatchObject({ field: 'agenda' });
		// a decided item keeps its publicity; its title may still be put right
		await expect(updateAgendaItem(database.db, coordinator, first.id, { title: 'Eröffnung', isPublic: false, paperId: null })).rejects.toMatchObject({ field: 'agenda' });
		await updateAgendaItem(database.db, coordinator, first.id, { title: 'Eröffnung und Begrüßung', isPublic: true, paperId: null });
		expect(await titles(m.id)).toEqual(['1. Eröffnung und Begrüßung', '2. Gemeinsame Radwegekarte', '3. Termine']);
		const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_event where entity_type = 'meeting' and entity_id = ${String(m.id)} and action like 'meeting.agenda.%' order by id`);
		expect(audit.map((x) => x.action)).toEqual([...Array(3).fill('meeting.agenda.add'), 'meeting.agenda.move', 'meeting.agenda.remove', 'meeting.agenda.add', 'meeting.agenda.update', 'meeting.agenda.update']);
	});

	it('changes a paper until it is decided on, refuses a reference twice, and removes it only while no agenda consults it', async () => {
		const input = { reference: 'IV 2026/010', title: 'Bericht Tourismus', paperType: 'information' as const, originAgs: BORSDORF, text: 'Der Bericht der Arbeitsgruppe.', paperDate: '2026-06-01', measureIds: [] };
		const p = await createPaper(database.db, staffBorsdorf, input);
		await expect(createPaper(database.db, coordinator, { ...input, reference: 'iv 2026/010' })).rejects.toMatchObject({ field: 'reference' });
		// Borsdorf's staff changes its own paper but cannot hand it to Naunhof
		await updatePaper(database.db, staffBorsdorf, p.id, { ...input, title: 'Bericht Tourismus 2026' });
		await expect(updatePaper(database.db, staffBorsdorf, p.id, { ...input, originAgs: NAUNHOF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updatePaper(database.db, adminNaunhof, p.id, input)).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getPaper(database.db, coordinator, p.id)).paper.title).toBe('Bericht Tourismus 2026');

		const m = await createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-07-08T15:00:00Z'), endsAt: null, locationText: 'Rathaus Borsdorf', onlineUrl: null });
		const item = await addAgendaItem(database.db, coordinator, m.id, { title: 'Bericht', isPublic: true, paperId: p.id });
		await expect(removePaper(database.db, storage(), staffBorsdorf, p.id)).rejects.toMatchObject({ field: 'paper' });
		await recordDecision(database.db, coordinator, item.id, { votes: all('yes'), text: 'Zur Kenntnis genommen.' });
		await expect(updatePaper(database.db, coordinator, p.id, { ...input, text: 'Ein anderer Wortlaut.' })).rejects.toMatchObject({ field: 'reference' });

		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-papers-'));
		const files = localStorage(dir);
		const spare = await createPaper(database.db, coordinator, { ...input, reference: 'IV 2026/011', originAgs: null });
		const doc = await addFile(database.db, files, coordinator, { paperId: spare.id }, { title: 'Anlage', fileName: 'a.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n'), isPublic: true });
		await expect(removePaper(database.db, files, staffBorsdorf, spare.id)).rejects.toBeInstanceOf(ForbiddenError);
		await removePaper(database.db, files, coordinator, spare.id);
		await expect(getPaper(database.db, coordinator, spare.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(readFile(database.db, files, coordinator, doc.id)).rejects.toBeInstanceOf(NotFoundError);
		expect(fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.pdf'))).toEqual([]);
	});

	it('lists decisions by a municipality’s vote', async () => {
		const m = await createMeeting(database.db, coordinator, bodyId, { startsAt: new Date('2026-07-15T15:00:00Z'), endsAt: null, locationText: 'Rathaus Naunhof', onlineUrl: null });
		const item = await addAgendaItem(database.db, coordinator, m.id, { title: 'Gemeinsame Wanderkarte', isPublic: true, paperId: null });
		await recordDecision(database.db, coordinator, item.id, { votes: { ...all('yes'), [NAUNHOF]: 'no' }, text: null });
		const titlesOf = async (f: Parameters<typeof listPublicDecisions>[1]) => (await listPublicDecisions(database.db, { bodyId, ...f }, 50)).map((r) => r.item.title);
		expect(await titlesOf({ vote: 'no', voteBy: NAUNHOF })).toEqual(['Gemeinsame Wanderkarte']);
		expect(await titlesOf({ vote: 'no', voteBy: BORSDORF })).toEqual([]);
		expect(await titlesOf({ vote: 'no' })).toEqual(['Gemeinsame Wanderkarte']);
		expect((await titlesOf({ vote: 'yes', voteBy: BORSDORF })).sort()).toEqual(['Bericht', 'Eröffnung und Begrüßung', 'Gemeinsame Wanderkarte']);
	});
});

describe('demo bodies', () => {
	it('are seeded only into an installation without bodies', async () => {
		expect(await seedDemoBodies(database.db)).toBe(0);
	});
});
