import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import type { AnswerValue } from '../../surveys.ts';
import { participationProcess, survey, surveyAnswer, surveyQuestion, surveyResponse, surveyToken } from '../tables.ts';

export type SurveyRow = typeof survey.$inferSelect;
export type QuestionRow = typeof surveyQuestion.$inferSelect;

export async function insertSurvey(db: Db, values: typeof survey.$inferInsert) {
	const [row] = await db.insert(survey).values(values).returning({ id: survey.id });
	return row;
}
export async function updateSurvey(db: Db, id: number, values: Partial<typeof survey.$inferInsert>) {
	await db
		.update(survey)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(survey.id, id));
}
export async function deleteSurvey(db: Db, id: number) {
	await db.delete(survey).where(eq(survey.id, id));
}
export async function findSurvey(db: Db, id: number) {
	const [row] = await db
		.select({ survey, ownerAgs: participationProcess.ownerAgs, processTitle: participationProcess.title, processPublished: participationProcess.published })
		.from(survey)
		.innerJoin(participationProcess, eq(participationProcess.id, survey.processId))
		.where(eq(survey.id, id));
	return row;
}
export async function surveysOf(db: Db, processId: number, publishedOnly: boolean) {
	return db
		.select({ survey, responses: sql<number>`(select count(*)::int from ${surveyResponse} where ${surveyResponse.surveyId} = ${survey.id})` })
		.from(survey)
		.where(and(eq(survey.processId, processId), publishedOnly ? eq(survey.published, true) : undefined))
		.orderBy(asc(survey.id));
}

export async function questionsOf(db: Db, surveyId: number) {
	return db.select().from(surveyQuestion).where(eq(surveyQuestion.surveyId, surveyId)).orderBy(asc(surveyQuestion.position), asc(surveyQuestion.id));
}
export async function insertQuestion(db: Db, values: typeof surveyQuestion.$inferInsert) {
	const [row] = await db.insert(surveyQuestion).values(values).returning({ id: surveyQuestion.id });
	return row;
}
export async function updateQuestion(db: Db, id: number, values: Partial<typeof surveyQuestion.$inferInsert>) {
	await db.update(surveyQuestion).set(values).where(eq(surveyQuestion.id, id));
}
export async function deleteQuestion(db: Db, id: number) {
	await db.delete(surveyQuestion).where(eq(surveyQuestion.id, id));
}

export async function countResponses(db: Db, surveyId: number) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId));
	return row.n;
}
export async function findResponseOf(db: Db, surveyId: number, accountId: string) {
	const [row] = await db
		.select()
		.from(surveyResponse)
		.where(and(eq(surveyResponse.surveyId, surveyId), eq(surveyResponse.accountId, accountId)));
	return row;
}
export async function answersOf(db: Db, responseId: number) {
	const rows = await db.select({ questionId: surveyAnswer.questionId, value: surveyAnswer.value }).from(surveyAnswer).where(eq(surveyAnswer.responseId, responseId));
	return new Map(rows.map((r) => [r.questionId, r.value as AnswerValue]));
}

/**
 * Stores a signed-in person's response, replacing their earlier answers. The unique index on
 * (survey, account) makes a second response impossible even when two submissions race: the
 * loser updates the winner's row.
 */
export async function upsertAccountResponse(db: Db, surveyId: number, accountId: string, answers: Map<number, AnswerValue>, textKinds: Set<number>) {
	const [row] = await db
		.insert(surveyResponse)
		.values({ surveyId, accountId })
		.onConflictDoUpdate({ target: [surveyResponse.surveyId, surveyResponse.accountId], set: { updatedAt: new Date() } })
		.returning({ id: surveyResponse.id });
	await writeAnswers(db, row.id, answers, textKinds);
	return row.id;
}

/** Uses a one-time link: true once, false for a used or unknown link (atomic: two racing submissions cannot both win). */
export async function useToken(db: Db, surveyId: number, tokenHash: string) {
	const rows = await db
		.update(surveyToken)
		.set({ used: true })
		.where(and(eq(surveyToken.surveyId, surveyId), eq(surveyToken.tokenHash, tokenHash), eq(surveyToken.used, false)))
		.returning({ id: surveyToken.id });
	return rows.length > 0;
}
export async function findToken(db: Db, surveyId: number, tokenHash: string) {
	const [row] = await db
		.select({ used: surveyToken.used })
		.from(surveyToken)
		.where(and(eq(surveyToken.surveyId, surveyId), eq(surveyToken.tokenHash, tokenHash)));
	return row;
}
/** A response without any account or link: nothing in it says who gave it. */
export async function insertAnonymousResponse(db: Db, surveyId: number, answers: Map<number, AnswerValue>, textKinds: Set<number>) {
	const [row] = await db.insert(surveyResponse).values({ surveyId, accountId: null }).returning({ id: surveyResponse.id });
	await writeAnswers(db, row.id, answers, textKinds);
	return row.id;
}
async function writeAnswers(db: Db, responseId: number, answers: Map<number, AnswerValue>, textKinds: Set<number>) {
	await db.delete(surveyAnswer).where(eq(surveyAnswer.responseId, responseId));
	const rows = [...answers].map(([questionId, value]) => ({ responseId, questionId, value, approved: textKinds.has(questionId) ? null : true }));
	if (rows.length) await db.insert(surveyAnswer).values(rows);
}
export async function insertTokens(db: Db, surveyId: number, hashes: string[]) {
	if (hashes.length) await db.insert(surveyToken).values(hashes.map((tokenHash) => ({ surveyId, tokenHash })));
}
export async function tokenCounts(db: Db, surveyId: number) {
	const [row] = await db
		.select({ total: sql<number>`count(*)::int`, used: sql<number>`count(*) filter (where ${surveyToken.used})::int` })
		.from(surveyToken)
		.where(eq(surveyToken.surveyId, surveyId));
	return row;
}

// Results

/** Counts per answer value of a choice, yes/no or scale question. */
export async function choiceCounts(db: Db, questionId: number) {
	return db
		.select({ value: sql<string>`${surveyAnswer.value} #>> '{}'`, count: sql<number>`count(*)::int` })
		.from(surveyAnswer)
		.where(eq(surveyAnswer.questionId, questionId))
		.groupBy(sql`${surveyAnswer.value} #>> '{}'`);
}
/** Counts per chosen option of a multiple-choice question. */
export async function multipleCounts(db: Db, questionId: number) {
	return db.execute(sql`select elem as value, count(*)::int as count from ${surveyAnswer}, jsonb_array_elements_text(${surveyAnswer.value}) as elem where ${surveyAnswer.questionId} = ${questionId} group by elem`) as unknown as Promise<{ rows: { value: string; count: number }[] }>;
}
/** Average rank per option of a ranking question (1 = first). */
export async function rankAverages(db: Db, questionId: number) {
	return db.execute(sql`select t.elem as value, avg(t.ord)::float as average, count(*)::int as count from ${surveyAnswer}, jsonb_array_elements_text(${surveyAnswer.value}) with ordinality as t(elem, ord) where ${surveyAnswer.questionId} = ${questionId} group by t.elem`) as unknown as Promise<{ rows: { value: string; average: number; count: number }[] }>;
}
export async function answeredCount(db: Db, questionId: number) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(surveyAnswer).where(eq(surveyAnswer.questionId, questionId));
	return row.n;
}
/** Free-text answers: approved ones for the public, pending ones for moderation; newest first. */
export async function textAnswers(db: Db, questionId: number, approved: boolean | null, limit: number) {
	return db
		.select({ responseId: surveyAnswer.responseId, value: surveyAnswer.value })
		.from(surveyAnswer)
		.where(and(eq(surveyAnswer.questionId, questionId), approved === null ? isNull(surveyAnswer.approved) : eq(surveyAnswer.approved, approved)))
		.orderBy(desc(surveyAnswer.responseId))
		.limit(limit);
}
export async function setTextApproval(db: Db, questionId: number, responseId: number, approved: boolean) {
	const rows = await db
		.update(surveyAnswer)
		.set({ approved })
		.where(and(eq(surveyAnswer.questionId, questionId), eq(surveyAnswer.responseId, responseId)))
		.returning({ responseId: surveyAnswer.responseId });
	return rows.length > 0;
}
/** All responses with their answers, by response, keyset-paged (the CSV export). */
export async function responsesPage(db: Db, surveyId: number, afterId: number, limit: number) {
	const responses = await db
		.select({ id: surveyResponse.id, createdAt: surveyResponse.createdAt, updatedAt: surveyResponse.updatedAt })
		.from(surveyResponse)
		.where(and(eq(surveyResponse.surveyId, surveyId), sql`${surveyResponse.id} > ${afterId}`))
		.orderBy(asc(surveyResponse.id))
		.limit(limit);
	if (!responses.length) return [];
	const answers = await db
		.select({ responseId: surveyAnswer.responseId, questionId: surveyAnswer.questionId, value: surveyAnswer.value })
		.from(surveyAnswer)
		.where(sql`${surveyAnswer.responseId} between ${responses[0].id} and ${responses.at(-1)!.id} and ${surveyAnswer.responseId} in (select ${surveyResponse.id} from ${surveyResponse} where ${surveyResponse.surveyId} = ${surveyId})`);
	return responses.map((r) => ({ ...r, answers: new Map(answers.filter((a) => a.responseId === r.id).map((a) => [a.questionId, a.value as AnswerValue])) }));
}

/** Surveys whose results the public may see (published survey of a published process), keyset by id. */
export async function listPublicResultSurveys(db: Db, afterId: number, limit: number) {
	return db
		.select({ id: survey.id, title: survey.title, processId: survey.processId })
		.from(survey)
		.innerJoin(participationProcess, eq(participationProcess.id, survey.processId))
		.where(and(eq(survey.published, true), eq(survey.resultsPublic, true), eq(participationProcess.published, true), gt(survey.id, afterId)))
		.orderBy(asc(survey.id))
		.limit(limit);
}
