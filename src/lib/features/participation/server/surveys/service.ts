import crypto from 'node:crypto';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { recordAudit } from '../../../audit/server/service.ts';
import { isActive } from '../../phases.ts';
import { isAsked, SCALE, type AnswerValue, type Question, type QuestionInput } from '../../surveys.ts';
import { participationPolicy } from '../policy.ts';
import { ParticipationError } from '../service.ts';
import * as processes from '../queries.ts';
import * as queries from './queries.ts';
import { isRowId } from '#lib/ids.ts';

export type SurveyInput = { title: string; intro: string; published: boolean; resultsPublic: boolean; allowLinks: boolean };

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

/** Reads the survey form of the back office. */
export function readSurveyForm(v: Record<string, string>): { input: SurveyInput } | { errors: Record<string, string> } {
	const title = (v.title ?? '').trim();
	const intro = (v.intro ?? '').trim();
	const errors: Record<string, string> = {};
	if (title.length < 3 || title.length > 200) errors.title = 'Bitte geben Sie einen Titel mit 3 bis 200 Zeichen an.';
	if (intro.length > 5000) errors.intro = 'Die Einleitung hat höchstens 5.000 Zeichen.';
	if (Object.keys(errors).length) return { errors };
	return { input: { title, intro, published: v.published === 'on', resultsPublic: v.resultsPublic === 'on', allowLinks: v.allowLinks === 'on' } };
}

async function managed(db: Db, actor: Actor, surveyId: number) {
	const found = isRowId(surveyId) ? await queries.findSurvey(db, surveyId) : undefined;
	if (!found) throw new NotFoundError();
	if (!participationPolicy.manage(actor, found.ownerAgs)) throw new ForbiddenError();
	return found;
}

export async function createSurvey(db: Db, actor: Actor, processId: number, input: SurveyInput) {
	const process = isRowId(processId) ? await processes.findProcess(db, processId) : undefined;
	if (!process) throw new NotFoundError();
	if (!participationPolicy.manage(actor, process.process.ownerAgs)) throw new ForbiddenError();
	return transaction(db, async (tx) => {
		const row = await queries.insertSurvey(tx, { ...input, processId });
		await recordAudit(tx, actor, { action: 'participation.survey.create', entityType: 'survey', entityId: row.id, municipality: process.process.ownerAgs, after: { title: input.title } });
		return row.id;
	});
}

export async function updateSurvey(db: Db, actor: Actor, surveyId: number, input: SurveyInput) {
	const found = await managed(db, actor, surveyId);
	await transaction(db, async (tx) => {
		await queries.updateSurvey(tx, surveyId, input);
		await recordAudit(tx, actor, { action: 'participation.survey.update', entityType: 'survey', entityId: surveyId, municipality: found.ownerAgs, before: { title: found.survey.title, published: found.survey.published }, after: { title: input.title, published: input.published } });
	});
}

/** The survey with its questions for the back office. */
export async function getSurveyForManaging(db: Db, actor: Actor, surveyId: number) {
	const found = isRowId(surveyId) ? await queries.findSurvey(db, surveyId) : undefined;
	if (!found) throw new NotFoundError();
	if (!participationPolicy.manage(actor, found.ownerAgs) && !participationPolicy.answer(actor, found.ownerAgs)) throw new ForbiddenError();
	const [questions, responses, links] = await Promise.all([queries.questionsOf(db, surveyId), queries.countResponses(db, surveyId), queries.tokenCounts(db, surveyId)]);
	return { ...found, questions, responses, links };
}

/** Questions change only until the first response: afterwards answers would no longer match them. */
async function editable(db: Db, actor: Actor, surveyId: number) {
	const found = await managed(db, actor, surveyId);
	if ((await queries.countResponses(db, surveyId)) > 0) throw new ParticipationError('prompt', 'Die Umfrage hat schon Antworten; ihre Fragen bleiben, wie sie sind.');
	return found;
}

export async function addQuestion(db: Db, actor: Actor, surveyId: number, input: QuestionInput) {
	const found = await editable(db, actor, surveyId);
	const questions = await queries.questionsOf(db, surveyId);
	if (questions.length >= 50) throw new ParticipationError('prompt', 'Eine Umfrage hat höchstens 50 Fragen.');
	if (input.dependsOnId !== null && !questions.some((q) => q.id === input.dependsOnId)) throw new ParticipationError('dependsOnId', 'Diese Frage gehört nicht zur Umfrage.');
	return transaction(db, async (tx) => {
		const row = await queries.insertQuestion(tx, { ...input, surveyId, position: (questions.at(-1)?.position ?? 0) + 1 });
		await recordAudit(tx, actor, { action: 'participation.survey.question.add', entityType: 'survey', entityId: surveyId, municipality: found.ownerAgs, after: { prompt: input.prompt, kind: input.kind } });
		return row.id;
	});
}

export async function removeQuestion(db: Db, actor: Actor, surveyId: number, questionId: number) {
	const found = await editable(db, actor, surveyId);
	const questions = await queries.questionsOf(db, surveyId);
	const question = questions.find((q) => q.id === questionId);
	if (!question) throw new NotFoundError();
	await transaction(db, async (tx) => {
		await queries.deleteQuestion(tx, questionId);
		await recordAudit(tx, actor, { action: 'participation.survey.question.remove', entityType: 'survey', entityId: surveyId, municipality: found.ownerAgs, before: { prompt: question.prompt } });
	});
}

/** Moves a question up or down; a dependent question never moves before the one it depends on. */
export async function moveQuestion(db: Db, actor: Actor, surveyId: number, questionId: number, direction: 'up' | 'down') {
	await editable(db, actor, surveyId);
	const questions = await queries.questionsOf(db, surveyId);
	const i = questions.findIndex((q) => q.id === questionId);
	if (i < 0) throw new NotFoundError();
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= questions.length) return;
	const [first, second] = direction === 'up' ? [questions[j], questions[i]] : [questions[i], questions[j]];
	if (second.dependsOnId === first.id) throw new ParticipationError('prompt', 'Eine Frage kann nicht vor die Frage rücken, von der sie abhängt.');
	await transaction(db, async (tx) => {
		await queries.updateQuestion(tx, questions[i].id, { position: questions[j].position });
		await queries.updateQuestion(tx, questions[j].id, { position: questions[i].position });
	});
}

/** A published survey of a published process (drafts for those who manage them), with whether it takes responses now. */
export async function getSurvey(db: Db, actor: Actor, surveyId: number, now = new Date()) {
	const found = isRowId(surveyId) ? await queries.findSurvey(db, surveyId) : undefined;
	if (!found) throw new NotFoundError();
	const manage = participationPolicy.manage(actor, found.ownerAgs);
	if ((!found.survey.published || !found.processPublished) && !manage) throw new NotFoundError();
	const [questions, phases] = await Promise.all([queries.questionsOf(db, surveyId), processes.phasesOf(db, [found.survey.processId])]);
	return { ...found, questions, open: found.survey.published && found.processPublished && isActive(phases, 'survey', now), staff: manage || participationPolicy.answer(actor, found.ownerAgs) };
}

function textQuestions(questions: Question[]) {
	return new Set(questions.filter((q) => q.kind === 'text').map((q) => q.id));
}

async function requireOpen(db: Db, surveyId: number, now: Date) {
	const found = isRowId(surveyId) ? await queries.findSurvey(db, surveyId) : undefined;
	if (!found || !found.survey.published || !found.processPublished) throw new NotFoundError();
	const phases = await processes.phasesOf(db, [found.survey.processId]);
	if (!isActive(phases, 'survey', now)) throw new ParticipationError('survey', 'Diese Umfrage nimmt gerade keine Antworten an.');
	return { found, questions: await queries.questionsOf(db, surveyId) };
}

/** Re-checks answers against the questions (the form reader did; a caller could skip it). */
function checkAnswers(questions: Question[], answers: Map<number, AnswerValue>) {
	const byId = new Map(questions.map((q) => [q.id, q]));
	for (const [id, value] of answers) {
		const q = byId.get(id);
		const ok =
			q &&
			isAsked(q, answers, byId) &&
			(q.kind === 'single' ? q.options.includes(value as string) : q.kind === 'yesno' ? value === 'yes' || value === 'no' : q.kind === 'scale' ? (SCALE as readonly number[]).includes(value as number) : q.kind === 'text' ? typeof value === 'string' : Array.isArray(value) && value.every((o) => q.options.includes(o)));
		if (!ok) throw new ParticipationError('survey', 'Die Antworten passen nicht zu den Fragen der Umfrage.');
	}
	for (const q of questions) if (q.required && isAsked(q, answers, byId) && !answers.has(q.id)) throw new ParticipationError(`q${q.id}`, 'Bitte beantworten Sie diese Frage.');
}

/** A signed-in person's response; a second one replaces the first while the survey runs. */
export async function respond(db: Db, actor: Actor, surveyId: number, answers: Map<number, AnswerValue>, now = new Date()) {
	if (!participationPolicy.participate(actor) || !actor.id) throw new ForbiddenError('Mitmachen können angemeldete Personen mit bestätigter E-Mail-Adresse.');
	const { questions } = await requireOpen(db, surveyId, now);
	checkAnswers(questions, answers);
	const accountId = actor.id;
	return transaction(db, (tx) => queries.upsertAccountResponse(tx, surveyId, accountId, answers, textQuestions(questions)));
}

/** A response through a one-time link: the link is spent and the response holds nothing personal. */
export async function respondWithLink(db: Db, surveyId: number, token: string, answers: Map<number, AnswerValue>, now = new Date()) {
	const { found, questions } = await requireOpen(db, surveyId, now);
	if (!found.survey.allowLinks) throw new NotFoundError();
	checkAnswers(questions, answers);
	return transaction(db, async (tx) => {
		if (!(await queries.useToken(tx, surveyId, hashToken(token)))) throw new ParticipationError('survey', 'Dieser Link ist schon benutzt worden oder gilt nicht.');
		return queries.insertAnonymousResponse(tx, surveyId, answers, textQuestions(questions));
	});
}

/** Whether a one-time link is valid and unused (for the page, before anyone types). */
export async function linkState(db: Db, surveyId: number, token: string) {
	const row = await queries.findToken(db, surveyId, hashToken(token));
	return !row ? ('unknown' as const) : row.used ? ('used' as const) : ('fresh' as const);
}

/** Makes `count` one-time links; only their hashes are stored, so the links are shown this once. */
export async function createLinks(db: Db, actor: Actor, surveyId: number, count: number, origin: string) {
	const found = await managed(db, actor, surveyId);
	if (!found.survey.allowLinks) throw new ParticipationError('count', 'Für diese Umfrage sind Einmal-Links nicht vorgesehen.');
	if (!Number.isInteger(count) || count < 1 || count > 1000) throw new ParticipationError('count', 'Bitte geben Sie eine Anzahl von 1 bis 1.000 an.');
	const tokens = Array.from({ length: count }, () => crypto.randomBytes(18).toString('base64url'));
	await transaction(db, async (tx) => {
		await queries.insertTokens(
			tx,
			surveyId,
			tokens.map((t) => hashToken(t))
		);
		await recordAudit(tx, actor, { action: 'participation.survey.links', entityType: 'survey', entityId: surveyId, municipality: found.ownerAgs, after: { count } });
	});
	return tokens.map((t) => `${origin}/beteiligung/umfragen/${surveyId}?link=${t}`);
}

export type QuestionResult = {
	id: number;
	kind: Question['kind'];
	prompt: string;
	answered: number;
	rows: { label: string; count: number; percent: number }[];
	ranking: { label: string; average: number }[];
	mean: number | null;
	texts: string[];
};

/** Counts and percentages per question; free texts only once approved. */
export async function surveyResults(db: Db, surveyId: number): Promise<{ responses: number; questions: QuestionResult[] }> {
	const [questions, responses] = await Promise.all([queries.questionsOf(db, surveyId), queries.countResponses(db, surveyId)]);
	const results: QuestionResult[] = [];
	for (const q of questions) {
		const answered = await queries.answeredCount(db, q.id);
		const pct = (n: number) => (answered ? Math.round((n / answered) * 1000) / 10 : 0);
		const result: QuestionResult = { id: q.id, kind: q.kind, prompt: q.prompt, answered, rows: [], ranking: [], mean: null, texts: [] };
		if (q.kind === 'single' || q.kind === 'yesno' || q.kind === 'scale') {
			const counts = new Map((await queries.choiceCounts(db, q.id)).map((r) => [r.value, r.count]));
			const labels = q.kind === 'yesno' ? [['yes', 'Ja'], ['no', 'Nein']] : q.kind === 'scale' ? SCALE.map((n) => [String(n), String(n)]) : q.options.map((o) => [o, o]);
			result.rows = labels.map(([value, label]) => ({ label, count: counts.get(value) ?? 0, percent: pct(counts.get(value) ?? 0) }));
			if (q.kind === 'scale' && answered) result.mean = Math.round((SCALE.reduce((sum, n) => sum + n * (counts.get(String(n)) ?? 0), 0) / answered) * 100) / 100;
		} else if (q.kind === 'multiple') {
			const counts = new Map((await queries.multipleCounts(db, q.id)).rows.map((r) => [r.value, r.count]));
			result.rows = q.options.map((o) => ({ label: o, count: counts.get(o) ?? 0, percent: pct(counts.get(o) ?? 0) }));
		} else if (q.kind === 'ranking') {
			const averages = (await queries.rankAverages(db, q.id)).rows;
			result.ranking = averages.map((r) => ({ label: r.value, average: Math.round(r.average * 100) / 100 })).sort((a, b) => a.average - b.average);
		} else {
			result.texts = (await queries.textAnswers(db, q.id, true, 200)).map((r) => String(r.value));
		}
		results.push(result);
	}
	return { responses, questions: results };
}

/** Results for the public when the process shows them, and always for its staff. */
export async function getSurveyResults(db: Db, actor: Actor, surveyId: number) {
	const found = await getSurvey(db, actor, surveyId);
	if (!found.survey.resultsPublic && !found.staff) throw new NotFoundError();
	return { ...found, results: await surveyResults(db, surveyId) };
}

/** Free-text answers waiting for moderation. */
export async function pendingTexts(db: Db, actor: Actor, surveyId: number) {
	const found = await getSurveyForManaging(db, actor, surveyId);
	const out: { questionId: number; prompt: string; responseId: number; text: string }[] = [];
	for (const q of found.questions.filter((x) => x.kind === 'text')) for (const a of await queries.textAnswers(db, q.id, null, 100)) out.push({ questionId: q.id, prompt: q.prompt, responseId: a.responseId, text: String(a.value) });
	return out;
}

export async function moderateText(db: Db, actor: Actor, surveyId: number, questionId: number, responseId: number, approved: boolean) {
	const found = isRowId(surveyId) ? await queries.findSurvey(db, surveyId) : undefined;
	if (!found) throw new NotFoundError();
	if (!participationPolicy.moderate(actor, found.ownerAgs) && !participationPolicy.manage(actor, found.ownerAgs)) throw new ForbiddenError();
	const questions = await queries.questionsOf(db, surveyId);
	if (!questions.some((q) => q.id === questionId && q.kind === 'text')) throw new NotFoundError();
	await transaction(db, async (tx) => {
		if (!(await queries.setTextApproval(tx, questionId, responseId, approved))) throw new NotFoundError();
		await recordAudit(tx, actor, { action: approved ? 'participation.survey.text.approve' : 'participation.survey.text.withhold', entityType: 'survey', entityId: surveyId, municipality: found.ownerAgs });
	});
}

const csvCell = (v: string) => {
	// no formula injection in spreadsheets: a leading =, +, - or @ is quoted away
	const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
	return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The responses as CSV for staff, one row per response (no account, no address), streamed in pages. */
export async function* surveyCsv(db: Db, actor: Actor, surveyId: number) {
	const found = await getSurveyForManaging(db, actor, surveyId);
	const questions = found.questions;
	yield '\ufeff' + ['Antwort', 'Eingegangen', 'Geändert', ...questions.map((q) => q.prompt)].map(csvCell).join(',') + '\r\n';
	let afterId = 0;
	let n = 0;
	for (;;) {
		const page = await queries.responsesPage(db, surveyId, afterId, 500);
		for (const r of page) {
			const cells = questions.map((q) => {
				const v = r.answers.get(q.id);
				if (v === undefined) return '';
				if (q.kind === 'yesno') return v === 'yes' ? 'Ja' : 'Nein';
				return Array.isArray(v) ? v.join(' | ') : String(v);
			});
			yield [String(++n), r.createdAt.toISOString(), r.updatedAt.toISOString(), ...cells].map(csvCell).join(',') + '\r\n';
		}
		if (page.length < 500) break;
		afterId = page.at(-1)!.id;
	}
}
