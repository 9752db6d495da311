import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, guestActor, type Actor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { search } from '../../search/server/service.ts';
import { insertAccount } from '../../accounts/server/queries.ts';
import { readAnswerForm, readProcessForm, type ProcessInput } from '../schemas.ts';
import { defaultIdeaCategories, EDIT_GRACE_MS } from '../phases.ts';
import * as queries from './queries.ts';
import {
	allocatePoints,
	answerIdea,
	commentOnIdea,
	createProcess,
	editComment,
	editIdea,
	flagContent,
	getIdea,
	hideContent,
	moderationQueue,
	ParticipationError,
	restoreContent,
	submitIdea,
	supportIdea,
	updateProcess,
	withdrawSupport
} from './service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const HOUR = 3_600_000;
const storage = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-ideas-')));
const editorBorsdorf: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const staffBorsdorf: Actor = { kind: 'user', name: 'Sina Sachbearbeitung', grants: [{ role: 'staff', scope: { municipality: BORSDORF } }] };
const moderatorNaunhof: Actor = { kind: 'user', name: 'Moritz Moderation', grants: [{ role: 'moderator', scope: { municipality: NAUNHOF } }] };
const moderatorBorsdorf: Actor = { kind: 'user', name: 'Mona Moderation', grants: [{ role: 'moderator', scope: { municipality: BORSDORF } }] };
const coordinator: Actor = { kind: 'user', name: 'Kerstin Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const citizens: (Actor & { id: string })[] = [];
let measureId: number;

beforeAll(async () => {
	database = await openTestDatabase();
	for (const [i, name] of ['Anna Apfel', 'Bernd Birne', 'Clara Kirsche', 'Dieter Dattel', 'Emil Erdbeere'].entries()) {
		const row = await insertAccount(database.db, { email: `person${i}@beteiligung.example`, displayName: name, emailVerifiedAt: new Date() });
		citizens.push({ kind: 'user', id: row.id, name, emailVerified: true, grants: [] });
	}
	[{ id: measureId }] = await queryRows<{ id: number }>(database.db, sql`select id from measure order by id limit 1`);
});
afterAll(() => database?.drop());

const [anna, bernd, clara] = [0, 1, 2].map((i) => () => citizens[i]);

/** A process whose phases are placed around `now`: the idea phase runs from an hour ago for `ideaHours`. */
function processInput(now: number, over: Partial<ProcessInput> = {}): ProcessInput {
	return {
		title: 'Wie soll der Parthe-Radweg weitergehen?',
		summary: 'Ideen für den Lückenschluss des Radwegs zwischen Borsdorf und Naunhof.',
		description: 'Wir sammeln Ideen und entscheiden gemeinsam über die Reihenfolge.',
		ownerAgs: BORSDORF,
		municipalities: [BORSDORF, NAUNHOF],
		published: true,
		pointsBudget: 10,
		ideaCategories: defaultIdeaCategories,
		resultText: null,
		actionFieldIds: [],
		measureIds: [],
		phases: [
			{ kind: 'ideas', startsAt: new Date(now - HOUR), endsAt: new Date(now + 24 * HOUR), components: ['submit', 'support', 'comment'] },
			{ kind: 'prioritisation', startsAt: new Date(now + 24 * HOUR), endsAt: new Date(now + 48 * HOUR), components: ['points'] },
			{ kind: 'result', startsAt: new Date(now + 48 * HOUR), endsAt: null, components: [] }
		],
		...over
	};
}
const ideaInput = (title = 'Radweg entlang der Parthe beleuchten') => ({ title, body: 'Zwischen Borsdorf und Naunhof ist der Weg abends dunkel; Solarleuchten würden helfen.', category: defaultIdeaCategories[0], point: { lat: 51.3466, lon: 12.5376 }, municipalityAgs: null, placeText: 'Parthebrücke', imageAlt: null });
const counted = async (ideaId: number) => {
	const [row] = await queryRows<{ stored: number; actual: number }>(database.db, sql`select support_count as stored, (select count(*)::int from idea_support where idea_id = ${ideaId}) as actual from idea where id = ${ideaId}`);
	return row;
};

describe('participation processes', () => {
	it('are started by the editors of the owning municipality, the region’s by the coordination office', async () => {
		const now = Date.now();
		await expect(createProcess(database.db, editorBorsdorf, processInput(now, { ownerAgs: NAUNHOF }))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createProcess(database.db, editorBorsdorf, processInput(now, { ownerAgs: null }))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createProcess(database.db, staffBorsdorf, processInput(now))).rejects.toBeInstanceOf(ForbiddenError);
		expect(await createProcess(database.db, coordinator, processInput(now, { ownerAgs: null }))).toBeGreaterThan(0);
	});

	it('plans phases by days in order, without overlap', () => {
		const base = { title: 'Spielplätze', summary: 'Welche Spielplätze brauchen was?', description: 'Sagen Sie uns, was fehlt.' };
		expect(readProcessForm({ ...base, phase_ideas: 'on', phase_ideas_from: '2026-12-01', phase_ideas_to: '2026-12-31', phase_discussion: 'on', phase_discussion_from: '2026-12-20', phase_discussion_to: '2027-01-10' })).toEqual({ errors: { phase_discussion_from: expect.stringContaining('bevor die vorige endet') } });
		expect(readProcessForm({ ...base, phase_ideas: 'on', phase_ideas_from: '2026-12-01' })).toEqual({ errors: { phase_ideas_from: expect.stringContaining('bis wann') } });
		const read = readProcessForm({ ...base, phase_ideas: 'on', phase_ideas_from: '2026-12-01', phase_ideas_to: '2026-12-31', phase_ideas_components: 'submit,support,bogus', phase_result: 'on', phase_result_from: '2027-01-01' });
		if (!('input' in read)) throw new Error(JSON.stringify(read));
		// the last day counts in full: the phase ends at midnight Berlin time after it
		expect(read.input.phases[0]).toEqual({ kind: 'ideas', startsAt: new Date('2026-11-30T23:00:00Z'), endsAt: new Date('2026-12-31T23:00:00Z'), components: ['submit', 'support'] });
		expect(read.input.phases[1].endsAt).toBeNull();
	});

	it('keep the start of a phase that has begun', async () => {
		const now = Date.now();
		const id = await createProcess(database.db, editorBorsdorf, processInput(now));
		const moved = processInput(now);
		moved.phases[0] = { ...moved.phases[0], startsAt: new Date(now - 2 * HOUR) };
		await expect(updateProcess(database.db, editorBorsdorf, id, moved)).rejects.toMatchObject({ field: 'phase_ideas_from' });
		await updateProcess(database.db, editorBorsdorf, id, processInput(now, { title: 'Parthe-Radweg: Ihre Ideen' }));
		const idea = await submitIdea(database.db, storage, citizens[3], id, ideaInput('Sitzbänke mit Blick auf den Schwanenteich'), null);
		const found = async () => (await search(database.db, { q: 'Schwanenteich', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url);
		expect(await found()).toContain(`/beteiligung/ideen/${idea}`);
		// withdrawn from publication: the process and its ideas leave the search
		await updateProcess(database.db, editorBorsdorf, id, processInput(now, { title: 'Parthe-Radweg: Ihre Ideen', published: false }));
		expect(await found()).toEqual([]);
		await expect(getIdea(database.db, guestActor, idea)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('ideas, supports and comments', () => {
	const now = Date.now();
	let processId: number;
	let ideaId: number;

	beforeAll(async () => {
		processId = await createProcess(database.db, editorBorsdorf, processInput(now));
	});

	it('are submitted by signed-in people with a verified address, only while ideas are collected', async () => {
		await expect(submitIdea(database.db, storage, guestActor, processId, ideaInput(), null)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(submitIdea(database.db, storage, { ...anna(), emailVerified: false }, processId, ideaInput(), null)).rejects.toBeInstanceOf(ForbiddenError);
		// phase boundaries: the first instant of the next phase no longer takes ideas
		const ideasEnd = now + 24 * HOUR;
		await expect(submitIdea(database.db, storage, anna(), processId, ideaInput(), null, new Date(ideasEnd))).rejects.toBeInstanceOf(ParticipationError);
		await expect(submitIdea(database.db, storage, anna(), processId, ideaInput(), null, new Date(now - HOUR - 1))).rejects.toBeInstanceOf(ParticipationError);
		await expect(submitIdea(database.db, storage, anna(), processId, { ...ideaInput(), point: { lat: 52.52, lon: 13.4 } }, null)).rejects.toMatchObject({ field: 'location' });
		ideaId = await submitIdea(database.db, storage, anna(), processId, ideaInput(), null, new Date(ideasEnd - 1));
		const { idea, authorName } = await getIdea(database.db, guestActor, ideaId);
		expect(idea.municipalityAgs).toBe(BORSDORF);
		expect(authorName).toBe('Anna Apfel');
		await expect(getIdea(database.db, guestActor, 99_999)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('count one support per person, even when two requests of the same person race', async () => {
		await Promise.all([supportIdea(database.db, bernd(), ideaId), supportIdea(database.db, bernd(), ideaId), supportIdea(database.db, bernd(), ideaId)]);
		await supportIdea(database.db, clara(), ideaId);
		expect(await counted(ideaId)).toEqual({ stored: 2, actual: 2 });
		await expect(supportIdea(database.db, anna(), ideaId)).rejects.toMatchObject({ field: 'support' });
		// the primary key refuses a second row whatever the code does
		await expect(database.db.execute(sql`insert into idea_support (idea_id, account_id) values (${ideaId}, ${bernd().id})`)).rejects.toThrow();
	});

	it('can be withdrawn while supports are collected, not afterwards', async () => {
		await Promise.all([withdrawSupport(database.db, clara(), ideaId), withdrawSupport(database.db, clara(), ideaId)]);
		expect(await counted(ideaId)).toEqual({ stored: 1, actual: 1 });
		await expect(withdrawSupport(database.db, bernd(), ideaId, new Date(now + 30 * HOUR))).rejects.toBeInstanceOf(ParticipationError);
		await expect(supportIdea(database.db, clara(), ideaId, new Date(now + 30 * HOUR))).rejects.toBeInstanceOf(ParticipationError);
		expect(await counted(ideaId)).toEqual({ stored: 1, actual: 1 });
	});

	it('stay counted right when a supporter’s account is deleted', async () => {
		const row = await insertAccount(database.db, { email: 'kurz@beteiligung.example', displayName: 'Kurt Kurzbesuch', emailVerifiedAt: new Date() });
		await supportIdea(database.db, { kind: 'user', id: row.id, name: 'Kurt', emailVerified: true, grants: [] }, ideaId);
		expect(await counted(ideaId)).toEqual({ stored: 2, actual: 2 });
		await database.db.execute(sql`delete from account where id = ${row.id}`);
		expect(await counted(ideaId)).toEqual({ stored: 1, actual: 1 });
	});

	it('take comments with one level of replies; later edits are marked', async () => {
		const first = await commentOnIdea(database.db, bernd(), ideaId, 'Gute Idee, abends fahre ich dort oft.', null);
		const reply = await commentOnIdea(database.db, clara(), ideaId, 'Ich auch!', first);
		const replyToReply = await commentOnIdea(database.db, anna(), ideaId, 'Danke euch beiden.', reply);
		expect((await queries.findComment(database.db, replyToReply))!.comment.parentId).toBe(first);
		const { top, replies } = await queries.listComments(database.db, ideaId, 50);
		expect(top.map((c) => c.comment.id)).toEqual([first]);
		expect(replies.map((c) => c.comment.id)).toEqual([reply, replyToReply]);
		expect(replies.map((c) => c.total)).toEqual([2, 2]);
		expect((await getIdea(database.db, guestActor, ideaId)).idea.commentCount).toBe(3);
		// a thread shows at most REPLIES answers, and says how many there are
		for (let i = 0; i < queries.REPLIES; i++) await database.db.execute(sql`insert into idea_comment (idea_id, parent_id, body) values (${ideaId}, ${first}, ${'Antwort ' + i})`);
		const busy = await queries.listComments(database.db, ideaId, 50);
		expect(busy.replies).toHaveLength(queries.REPLIES);
		expect(busy.replies[0].total).toBe(queries.REPLIES + 2);
		await database.db.execute(sql`delete from idea_comment where idea_id = ${ideaId} and body like 'Antwort %'`);

		await editComment(database.db, bernd(), first, 'Gute Idee, abends fahre ich dort oft mit dem Rad.');
		expect((await queries.findComment(database.db, first))!.comment.editedAt).toBeNull();
		await editComment(database.db, bernd(), first, 'Gute Idee!', new Date(Date.now() + EDIT_GRACE_MS + 1000));
		expect((await queries.findComment(database.db, first))!.comment.editedAt).not.toBeNull();
		await expect(editComment(database.db, clara(), first, 'Fremder Text')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(commentOnIdea(database.db, bernd(), ideaId, 'Zu spät', null, new Date(now + 30 * HOUR))).rejects.toBeInstanceOf(ParticipationError);
	});

	it('are part of the person’s data export', async () => {
		const mine = await queries.contributionsOf(database.db, bernd().id);
		expect(mine.comments.map((c) => c.body)).toEqual(['Gute Idee!']);
		expect(mine.supports.map((s) => s.idea)).toEqual([ideaId]);
		expect((await queries.contributionsOf(database.db, anna().id)).ideas.map((i) => i.id)).toEqual([ideaId]);
	});

	it('are edited by their author only; after 15 minutes the idea is marked as edited', async () => {
		await expect(editIdea(database.db, bernd(), ideaId, ideaInput('Fremde Änderung am Titel'))).rejects.toBeInstanceOf(ForbiddenError);
		await editIdea(database.db, anna(), ideaId, ideaInput('Radweg an der Parthe beleuchten'), new Date(Date.now() + EDIT_GRACE_MS + 1000));
		const { idea } = await getIdea(database.db, guestActor, ideaId);
		expect(idea.title).toBe('Radweg an der Parthe beleuchten');
		expect(idea.editedAt).not.toBeNull();
	});

	it('are moderated: anyone flags, the process’s moderators hide with a public reason and restore', async () => {
		const [comment] = (await queries.listComments(database.db, ideaId, 50)).top;
		await flagContent(database.db, guestActor, 'comment', comment.comment.id, 'Beleidigend');
		await flagContent(database.db, clara(), 'comment', comment.comment.id, 'Unsachlich');
		const queue = await moderationQueue(database.db, moderatorBorsdorf);
		expect(queue.find((q) => q.targetKind === 'comment' && q.targetId === comment.comment.id)).toMatchObject({ flags: 2, reasons: ['Beleidigend', 'Unsachlich'], ideaId });
		expect(await moderationQueue(database.db, moderatorNaunhof)).toEqual([]);
		await expect(hideContent(database.db, moderatorNaunhof, 'comment', comment.comment.id, 'Verstoß gegen die Netiquette')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(hideContent(database.db, clara(), 'comment', comment.comment.id, 'Verstoß gegen die Netiquette')).rejects.toBeInstanceOf(ForbiddenError);
		await hideContent(database.db, moderatorBorsdorf, 'comment', comment.comment.id, 'Verstoß gegen die Netiquette');
		expect((await queries.findComment(database.db, comment.comment.id))!.comment).toMatchObject({ hiddenReason: 'Verstoß gegen die Netiquette' });
		expect(await moderationQueue(database.db, moderatorBorsdorf)).toEqual([]);
		await restoreContent(database.db, moderatorBorsdorf, 'comment', comment.comment.id);
		expect((await queries.findComment(database.db, comment.comment.id))!.comment.hiddenAt).toBeNull();

		const other = await submitIdea(database.db, storage, bernd(), processId, ideaInput('Werbung für meinen Laden'), null);
		expect((await queries.findProcess(database.db, processId))!.process.ideaCount).toBe(2);
		await hideContent(database.db, editorBorsdorf, 'idea', other, 'Werbung');
		expect((await queries.listIdeas(database.db, processId, {}, 'new', 50)).map((r) => r.idea.id)).not.toContain(other);
		// the process counts visible ideas only
		expect((await queries.findProcess(database.db, processId))!.process.ideaCount).toBe(1);
		await expect(supportIdea(database.db, clara(), other)).rejects.toBeInstanceOf(ParticipationError);
	});

	it('get official answers from staff; author and supporters are told', async () => {
		expect(readAnswerForm({ status: 'rejected', answer: '' })).toEqual({ errors: { answer: expect.any(String) } });
		expect(readAnswerForm({ status: 'accepted', answer: 'Wird gemacht.' })).toEqual({ errors: { measureId: expect.any(String) } });
		const ctx = { origin: 'https://partheland.example' };
		await expect(answerIdea(database.db, moderatorBorsdorf, ideaId, { status: 'reviewing', answer: null, measureId: null }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(answerIdea(database.db, staffBorsdorf, ideaId, { status: 'accepted', answer: null, measureId: 999_999 }, ctx)).rejects.toMatchObject({ field: 'measureId' });
		// beyond the database's integer range (posted as such; found by the form fuzzing: it was a 500)
		await expect(answerIdea(database.db, staffBorsdorf, ideaId, { status: 'accepted', answer: null, measureId: 99_999_999_999 }, ctx)).rejects.toMatchObject({ field: 'measureId' });
		const mails = await answerIdea(database.db, staffBorsdorf, ideaId, { status: 'accepted', answer: 'Die Beleuchtung wird Teil der gemeinsamen Radwegemaßnahme.', measureId }, ctx);
		const recipients = await queryRows<{ recipient: string; subject: string }>(database.db, sql`select recipient, subject from mail_outbox where id in (${sql.join(mails.map((m) => sql`${m}`), sql`, `)}) order by recipient`);
		expect(recipients.map((r) => r.recipient)).toEqual(['person0@beteiligung.example', 'person1@beteiligung.example']);
		expect(recipients[0].subject).toContain('angenommen');
		const { idea, measureTitle } = await getIdea(database.db, guestActor, ideaId);
		expect(idea).toMatchObject({ status: 'accepted', measureId });
		expect(measureTitle).toBeTruthy();
	});
});

describe('prioritisation', () => {
	const now = Date.now();
	let processId: number;
	const ideas: number[] = [];

	beforeAll(async () => {
		// ideas collected earlier; the prioritisation runs now
		processId = await createProcess(
			database.db,
			coordinator,
			processInput(now, {
				ownerAgs: null,
				pointsBudget: 5,
				phases: [
					{ kind: 'ideas', startsAt: new Date(now - 48 * HOUR), endsAt: new Date(now - HOUR), components: ['submit'] },
					{ kind: 'prioritisation', startsAt: new Date(now - HOUR), endsAt: new Date(now + HOUR), components: ['points'] }
				]
			})
		);
		for (const [i, title] of ['Mehr Bänke am Radweg', 'Fahrradständer am Bahnhof', 'Radkarte der Region'].entries()) ideas.push(await submitIdea(database.db, storage, citizens[i], processId, ideaInput(title), null, new Date(now - 2 * HOUR)));
	});

	it('distributes at most the budget; parallel distributions of one person never exceed it', async () => {
		await expect(allocatePoints(database.db, anna(), processId, new Map([[ideas[0], 4], [ideas[1], 2]]))).rejects.toMatchObject({ field: 'points' });
		await Promise.all([
			allocatePoints(database.db, anna(), processId, new Map([[ideas[0], 5]])),
			allocatePoints(database.db, anna(), processId, new Map([[ideas[1], 3], [ideas[2], 2]])),
			allocatePoints(database.db, anna(), processId, new Map([[ideas[2], 4]]))
		]);
		const [ballot] = await queryRows<{ spent: number; sum: number }>(database.db, sql`select spent, (select coalesce(sum(points), 0)::int from point_allocation where process_id = ${processId} and account_id = ${anna().id}) as sum from point_ballot where process_id = ${processId} and account_id = ${anna().id}`);
		expect(ballot.spent).toBe(ballot.sum);
		expect(ballot.spent).toBeLessThanOrEqual(5);
		// a new distribution replaces the old one
		await allocatePoints(database.db, anna(), processId, new Map([[ideas[2], 1]]));
		expect(await queries.myAllocations(database.db, processId, anna().id)).toEqual(new Map([[ideas[2], 1]]));
		// the database itself refuses a point over the budget
		await expect(database.db.execute(sql`insert into point_allocation (process_id, account_id, idea_id, points) values (${processId}, ${anna().id}, ${ideas[0]}, 6)`)).rejects.toThrow();
	});

	it('takes points only while its phase runs and only for the process’s visible ideas', async () => {
		await expect(allocatePoints(database.db, bernd(), processId, new Map([[ideas[0], 1]]), new Date(now + HOUR))).rejects.toBeInstanceOf(ParticipationError);
		await expect(allocatePoints(database.db, bernd(), processId, new Map([[99_999, 1]]))).rejects.toMatchObject({ field: 'points' });
		await allocatePoints(database.db, bernd(), processId, new Map([[ideas[1], 5]]));
		await allocatePoints(database.db, clara(), processId, new Map([[ideas[1], 2], [ideas[0], 3]]));
		const totals = await queries.pointTotals(database.db, processId);
		expect(totals.participants).toBe(3);
		expect(totals.ideas.map((i) => [i.ideaId, i.points, i.voters])).toEqual([
			[ideas[1], 7, 2],
			[ideas[0], 3, 1],
			[ideas[2], 1, 1]
		]);
		const sum = totals.ideas.reduce((a, r) => a + r.points, 0);
		const [{ spent }] = await queryRows<{ spent: number }>(database.db, sql`select sum(spent)::int as spent from point_ballot where process_id = ${processId}`);
		expect(sum).toBe(spent);
	});
});
