import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, guestActor, type Actor } from '#lib/server/actor.ts';
import { insertAccount } from '../../../accounts/server/queries.ts';
import { defaultIdeaCategories } from '../../phases.ts';
import { readAnswers, readQuestionForm, type Question } from '../../surveys.ts';
import { createProcess } from '../service.ts';
import * as queries from './queries.ts';
import { addQuestion, createLinks, createSurvey, getSurvey, getSurveyResults, linkState, moderateText, moveQuestion, respond, respondWithLink, surveyCsv, surveyResults } from './service.ts';

const BORSDORF = '14729060';
const HOUR = 3_600_000;
const editor: Actor = { kind: 'user', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const staff: Actor = { kind: 'user', name: 'Sina Sachbearbeitung', grants: [{ role: 'staff', scope: { municipality: BORSDORF } }] };

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const people: (Actor & { id: string })[] = [];
let surveyId: number;
let questions: Question[];
const now = Date.now();

beforeAll(async () => {
	database = await openTestDatabase();
	for (const [i, name] of ['Uta Umfrage', 'Veit Vielfrage', 'Wanda Wahl'].entries()) {
		const row = await insertAccount(database.db, { email: `umfrage${i}@beteiligung.example`, displayName: name, emailVerifiedAt: new Date() });
		people.push({ kind: 'user', id: row.id, name, emailVerified: true, grants: [] });
	}
	const processId = await createProcess(database.db, editor, {
		title: 'Bibliothek der Zukunft',
		summary: 'Was soll die Gemeindebibliothek künftig bieten?',
		description: 'Eine Umfrage unter allen, die die Bibliothek nutzen oder nutzen möchten.',
		ownerAgs: BORSDORF,
		municipalities: [BORSDORF],
		published: true,
		pointsBudget: 10,
		ideaCategories: defaultIdeaCategories,
		resultText: null,
		actionFieldIds: [],
		measureIds: [],
		phases: [{ kind: 'discussion', startsAt: new Date(now - HOUR), endsAt: new Date(now + HOUR), components: ['survey'] }]
	});
	await expect(createSurvey(database.db, staff, processId, { title: 'x', intro: '', published: true, resultsPublic: true, allowLinks: true })).rejects.toBeInstanceOf(ForbiddenError);
	surveyId = await createSurvey(database.db, editor, processId, { title: 'Ihre Bibliothek', intro: 'Fünf Minuten, die helfen.', published: true, resultsPublic: true, allowLinks: true });
	const add = async (v: Record<string, string>) => {
		const read = readQuestionForm(v, (await queries.questionsOf(database.db, surveyId)) as Question[]);
		if ('errors' in read) throw new Error(JSON.stringify(read.errors));
		return addQuestion(database.db, editor, surveyId, read.input);
	};
	const visits = await add({ kind: 'yesno', prompt: 'Besuchen Sie die Bibliothek?', required: 'on' });
	await add({ kind: 'single', prompt: 'Wie oft?', options: 'wöchentlich\nmonatlich\nseltener', required: 'on', dependsOnId: String(visits), dependsOnValues: 'Ja' });
	await add({ kind: 'multiple', prompt: 'Was wünschen Sie sich?', options: 'längere Öffnungszeiten\nE-Books\nLesecafé\nVeranstaltungen', minChoices: '1', maxChoices: '2' });
	await add({ kind: 'scale', prompt: 'Wie zufrieden sind Sie?' });
	await add({ kind: 'ranking', prompt: 'Was ist am wichtigsten?', options: 'Bücher\nRäume\nBeratung' });
	await add({ kind: 'text', prompt: 'Was möchten Sie noch sagen?', maxLength: '200' });
	questions = (await queries.questionsOf(database.db, surveyId)) as Question[];
});
afterAll(() => database?.drop());

const form = (over: Record<string, string> = {}) => {
	const [visits, often, wishes, scale, ranking, text] = questions;
	return { [`q${visits.id}`]: 'yes', [`q${often.id}`]: '0', [`q${wishes.id}`]: '1,2', [`q${scale.id}`]: '4', [`q${ranking.id}_0`]: '1', [`q${ranking.id}_1`]: '3', [`q${ranking.id}_2`]: '2', [`q${text.id}`]: 'Mehr Platz für Kinder!', ...over };
};
const answersOf = (v: Record<string, string>) => {
	const read = readAnswers(questions, v);
	if ('errors' in read) throw new Error(JSON.stringify(read.errors));
	return read.answers;
};

describe('survey questions', () => {
	it('check their form: options, limits and the condition of a dependent question', () => {
		expect(readQuestionForm({ kind: 'single', prompt: 'Welche?', options: 'nur eine' }, [])).toEqual({ errors: { options: expect.any(String) } });
		expect(readQuestionForm({ kind: 'multiple', prompt: 'Welche?', options: 'a\nb', minChoices: '2', maxChoices: '1' }, [])).toMatchObject({ errors: { maxChoices: expect.any(String) } });
		expect(readQuestionForm({ kind: 'text', prompt: 'Warum?', dependsOnId: String(questions[0].id), dependsOnValues: 'Vielleicht' }, questions)).toEqual({ errors: { dependsOnValues: expect.any(String) } });
	});

	it('are read from the form: required ones, limits, rankings; a question not asked is dropped', () => {
		const [visits, often, wishes, , ranking] = questions;
		expect(readAnswers(questions, form({ [`q${visits.id}`]: '' }))).toEqual({ errors: { [`q${visits.id}`]: 'Bitte beantworten Sie diese Frage.' } });
		expect(readAnswers(questions, form({ [`q${wishes.id}`]: '0,1,2' }))).toEqual({ errors: { [`q${wishes.id}`]: expect.stringContaining('höchstens 2') } });
		expect(readAnswers(questions, form({ [`q${ranking.id}_1`]: '1' }))).toEqual({ errors: { [`q${ranking.id}`]: expect.stringContaining('genau einmal') } });
		// "no" visits: the follow-up is not asked, so neither required nor kept
		const answers = answersOf(form({ [`q${visits.id}`]: 'no', [`q${often.id}`]: '' }));
		expect(answers.has(often.id)).toBe(false);
		expect(answersOf(form()).get(ranking.id)).toEqual(['Bücher', 'Beratung', 'Räume']);
	});

	it('stay as they are once the survey has responses', async () => {
		await respond(database.db, people[0], surveyId, answersOf(form()));
		const read = readQuestionForm({ kind: 'yesno', prompt: 'Noch eine Frage?' }, questions);
		if ('errors' in read) throw new Error('unexpected');
		await expect(addQuestion(database.db, editor, surveyId, read.input)).rejects.toMatchObject({ field: 'prompt' });
		await expect(moveQuestion(database.db, editor, surveyId, questions[1].id, 'up')).rejects.toMatchObject({ field: 'prompt' });
	});
});

describe('survey responses', () => {
	it('are one per person, even when submissions race; a new submission replaces the old one', async () => {
		await Promise.all([respond(database.db, people[1], surveyId, answersOf(form())), respond(database.db, people[1], surveyId, answersOf(form({ [`q${questions[3].id}`]: '2' })))]);
		await respond(database.db, people[1], surveyId, answersOf(form({ [`q${questions[3].id}`]: '5' })));
		const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from survey_response where survey_id = ${surveyId} and account_id = ${people[1].id}`);
		expect(n).toBe(1);
		const response = await queries.findResponseOf(database.db, surveyId, people[1].id);
		expect((await queries.answersOf(database.db, response!.id)).get(questions[3].id)).toBe(5);
		await expect(database.db.execute(sql`insert into survey_response (survey_id, account_id) values (${surveyId}, ${people[1].id})`)).rejects.toThrow();
	});

	it('need a verified account, or a one-time link that works exactly once and leaves no trace', async () => {
		await expect(respond(database.db, guestActor, surveyId, answersOf(form()))).rejects.toBeInstanceOf(ForbiddenError);
		const [link, other] = await createLinks(database.db, editor, surveyId, 2, 'https://partheland.example');
		const token = new URL(link).searchParams.get('link')!;
		expect(await linkState(database.db, surveyId, token)).toBe('fresh');
		const results = await Promise.allSettled([respondWithLink(database.db, surveyId, token, answersOf(form())), respondWithLink(database.db, surveyId, token, answersOf(form()))]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await linkState(database.db, surveyId, token)).toBe('used');
		await expect(respondWithLink(database.db, surveyId, 'erfunden', answersOf(form()))).rejects.toMatchObject({ field: 'survey' });
		// the stored response has no account, and the link table holds only a hash and a flag
		const anonymous = await queryRows<{ account_id: string | null }>(database.db, sql`select account_id from survey_response where survey_id = ${surveyId} and account_id is null`);
		expect(anonymous).toHaveLength(1);
		const columns = await queryRows<{ column_name: string }>(database.db, sql`select column_name from information_schema.columns where table_name = 'survey_token' order by column_name`);
		expect(columns.map((c) => c.column_name)).toEqual(['created_at', 'id', 'survey_id', 'token_hash', 'used']);
		const tokens = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from survey_token where survey_id = ${surveyId}`);
		expect(tokens.map((t) => t.token_hash)).not.toContain(new URL(other).searchParams.get('link'));
	});

	it('are refused outside the phase', async () => {
		await expect(respond(database.db, people[2], surveyId, answersOf(form()), new Date(now + HOUR))).rejects.toMatchObject({ field: 'survey' });
		await expect(respond(database.db, people[2], surveyId, answersOf(form()), new Date(now - HOUR - 1))).rejects.toMatchObject({ field: 'survey' });
		await expect(getSurvey(database.db, guestActor, 99_999)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('add up to counts and percentages; free texts show once approved; CSV for staff', async () => {
		const { responses, questions: results } = await surveyResults(database.db, surveyId);
		expect(responses).toBe(3);
		const wishes = results[2];
		expect(wishes.rows.find((r) => r.label === 'E-Books')).toEqual({ label: 'E-Books', count: 3, percent: 100 });
		expect(results[3].mean).toBeCloseTo((4 + 5 + 4) / 3, 2);
		expect(results[4].ranking[0]).toEqual({ label: 'Bücher', average: 1 });
		expect(results[5].texts).toEqual([]);
		const text = questions[5];
		const [pending] = await queries.textAnswers(database.db, text.id, null, 10);
		await expect(moderateText(database.db, people[0], surveyId, text.id, pending.responseId, true)).rejects.toBeInstanceOf(ForbiddenError);
		await moderateText(database.db, editor, surveyId, text.id, pending.responseId, true);
		expect((await getSurveyResults(database.db, guestActor, surveyId)).results.questions[5].texts).toEqual(['Mehr Platz für Kinder!']);

		let csv = '';
		for await (const chunk of surveyCsv(database.db, staff, surveyId)) csv += chunk;
		const lines = csv.trim().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toContain('Besuchen Sie die Bibliothek?');
		expect(lines[1]).toContain('Ja');
		expect(csv).not.toContain('@');
		await expect(
			(async () => {
				for await (const chunk of surveyCsv(database.db, people[0], surveyId)) void chunk;
			})()
		).rejects.toBeInstanceOf(ForbiddenError);
	});
});
