import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { isRowId } from '#lib/ids.ts';
import { municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { actionField } from '../../leitbild/server/tables.ts';
import { measure } from '../../cooperation/server/tables.ts';
import type { IdeaStatus } from '../phases.ts';
import { contentFlag, idea, ideaComment, ideaSupport, participationPhase, participationProcess, pointAllocation, pointBallot, processActionField, processMeasure, surveyAnswer, surveyQuestion, surveyResponse } from './tables.ts';

export type ProcessRow = typeof participationProcess.$inferSelect;
export type PhaseRow = typeof participationPhase.$inferSelect;
export type IdeaRow = typeof idea.$inferSelect;
export type Point = { lon: number; lat: number };

const pointOf = (p: Point) => sql`ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)` as unknown as string;
const coordinates = { lon: sql<number | null>`ST_X(${idea.point})`, lat: sql<number | null>`ST_Y(${idea.point})` };

// Processes

export async function insertProcess(db: Db, values: typeof participationProcess.$inferInsert) {
	const [row] = await db.insert(participationProcess).values(values).returning({ id: participationProcess.id });
	return row;
}
export async function updateProcess(db: Db, id: number, values: Partial<typeof participationProcess.$inferInsert>) {
	await db
		.update(participationProcess)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(participationProcess.id, id));
}
export async function replaceProcessLinks(db: Db, id: number, links: { actionFieldIds: number[]; measureIds: number[] }) {
	await db.delete(processActionField).where(eq(processActionField.processId, id));
	await db.delete(processMeasure).where(eq(processMeasure.processId, id));
	if (links.actionFieldIds.length) await db.insert(processActionField).values(links.actionFieldIds.map((actionFieldId) => ({ processId: id, actionFieldId })));
	if (links.measureIds.length) await db.insert(processMeasure).values(links.measureIds.map((measureId) => ({ processId: id, measureId })));
}
export async function replacePhases(db: Db, processId: number, phases: Omit<typeof participationPhase.$inferInsert, 'processId' | 'id'>[]) {
	await db.delete(participationPhase).where(eq(participationPhase.processId, processId));
	if (phases.length) await db.insert(participationPhase).values(phases.map((p) => ({ ...p, processId })));
}
export async function findProcess(db: Db, id: number) {
	const [row] = await db
		.select({ process: participationProcess, ownerName: municipality.name })
		.from(participationProcess)
		.leftJoin(municipality, eq(municipality.ags, participationProcess.ownerAgs))
		.where(eq(participationProcess.id, id));
	return row;
}
export async function phasesOf(db: Db, processIds: number[]) {
	if (!processIds.length) return [];
	return db.select().from(participationPhase).where(inArray(participationPhase.processId, processIds)).orderBy(asc(participationPhase.startsAt));
}
export async function processLinks(db: Db, id: number) {
	const fields = await db
		.select({ id: actionField.id, number: actionField.number, title: actionField.title })
		.from(processActionField)
		.innerJoin(actionField, eq(actionField.id, processActionField.actionFieldId))
		.where(eq(processActionField.processId, id))
		.orderBy(asc(actionField.number));
	const measures = await db
		.select({ id: measure.id, title: measure.title, isPublic: measure.isPublic })
		.from(processMeasure)
		.innerJoin(measure, eq(measure.id, processMeasure.measureId))
		.where(eq(processMeasure.processId, id))
		.orderBy(asc(measure.title));
	return { fields, measures };
}
/** Processes, newest first, keyset by id; `published` false also lists drafts (back office). */
export async function listProcesses(db: Db, f: { publishedOnly: boolean; owners?: 'all' | string[]; beforeId?: number; limit: number }) {
	if (f.owners !== undefined && f.owners !== 'all' && !f.owners.length) return [];
	return db
		.select({ process: participationProcess, ownerName: municipality.name, ideas: participationProcess.ideaCount })
		.from(participationProcess)
		.leftJoin(municipality, eq(municipality.ags, participationProcess.ownerAgs))
		.where(
			and(
				f.publishedOnly ? eq(participationProcess.published, true) : undefined,
				f.owners && f.owners !== 'all' ? inArray(participationProcess.ownerAgs, f.owners) : undefined,
				f.beforeId ? sql`${participationProcess.id} < ${f.beforeId}` : undefined
			)
		)
		.orderBy(desc(participationProcess.id))
		.limit(f.limit);
}

// Ideas

export type IdeaSort = 'new' | 'supports' | 'comments';
export type IdeaFilter = { category?: string; status?: IdeaStatus };

export async function insertIdea(db: Db, values: Omit<typeof idea.$inferInsert, 'point'> & { point: Point | null }) {
	const { point, ...rest } = values;
	const [row] = await db
		.insert(idea)
		.values({ ...rest, point: point ? pointOf(point) : null })
		.returning({ id: idea.id });
	return row;
}
export async function updateIdea(db: Db, id: number, values: Partial<Omit<typeof idea.$inferInsert, 'point'>> & { point?: Point | null }) {
	const { point, ...rest } = values;
	await db
		.update(idea)
		.set({ ...rest, ...(point !== undefined ? { point: point ? pointOf(point) : null } : {}), updatedAt: new Date() })
		.where(eq(idea.id, id));
}

const ideaColumns = { idea, ...coordinates, authorName: account.displayName, municipalityName: municipality.name, measureTitle: measure.title, measurePublic: measure.isPublic };

export async function findIdea(db: Db, id: number) {
	if (!isRowId(id)) return undefined; // a posted id that is no row id is simply not found
	const [row] = await db
		.select(ideaColumns)
		.from(idea)
		.leftJoin(account, eq(account.id, idea.authorId))
		.leftJoin(municipality, eq(municipality.ags, idea.municipalityAgs))
		.leftJoin(measure, eq(measure.id, idea.measureId))
		.where(eq(idea.id, id));
	return row;
}

const sortKey = (sort: IdeaSort) => (sort === 'supports' ? idea.supportCount : sort === 'comments' ? idea.commentCount : idea.createdAt);

/** The visible ideas of a process, keyset-paged in the chosen order (the cursor is the last row's key and id). */
export async function listIdeas(db: Db, processId: number, f: IdeaFilter, sort: IdeaSort, limit: number, after?: { key: number | Date; id: number }) {
	const key = sortKey(sort);
	const afterKey = after ? (after.key instanceof Date ? sql`${after.key.toISOString()}::timestamptz` : sql`${after.key}`) : undefined;
	return db
		.select(ideaColumns)
		.from(idea)
		.leftJoin(account, eq(account.id, idea.authorId))
		.leftJoin(municipality, eq(municipality.ags, idea.municipalityAgs))
		.leftJoin(measure, eq(measure.id, idea.measureId))
		.where(
			and(
				eq(idea.processId, processId),
				isNull(idea.hiddenAt),
				f.category ? eq(idea.category, f.category) : undefined,
				f.status ? eq(idea.status, f.status) : undefined,
				after ? sql`(${key}, ${idea.id}) < (${afterKey}, ${after.id})` : undefined
			)
		)
		.orderBy(desc(key), desc(idea.id))
		.limit(limit);
}

/** Located, visible ideas of a process for its map (the idea list is the alternative). */
export async function ideaPoints(db: Db, processId: number, limit = 5000) {
	return db
		.select({ id: idea.id, title: idea.title, lon: sql<number>`ST_X(${idea.point})`, lat: sql<number>`ST_Y(${idea.point})` })
		.from(idea)
		.where(and(eq(idea.processId, processId), isNull(idea.hiddenAt), sql`${idea.point} is not null`))
		.orderBy(asc(idea.id))
		.limit(limit);
}

/** Visible ideas of published processes, by id (the public API). */
export async function ideaIdsOf(db: Db, processId: number) {
	return (await db.select({ id: idea.id }).from(idea).where(eq(idea.processId, processId))).map((r) => r.id);
}

export async function listPublicIdeas(db: Db, f: { processId?: number; afterId?: number; limit: number }) {
	return db
		.select({ idea, ...coordinates, authorName: account.displayName })
		.from(idea)
		.innerJoin(participationProcess, eq(participationProcess.id, idea.processId))
		.leftJoin(account, eq(account.id, idea.authorId))
		.where(and(eq(participationProcess.published, true), isNull(idea.hiddenAt), f.processId ? eq(idea.processId, f.processId) : undefined, f.afterId ? sql`${idea.id} > ${f.afterId}` : undefined))
		.orderBy(asc(idea.id))
		.limit(f.limit);
}

export async function ideasByAuthor(db: Db, accountId: string, limit: number) {
	return db
		.select({ id: idea.id, title: idea.title, status: idea.status, processId: idea.processId, processTitle: participationProcess.title, supportCount: idea.supportCount, commentCount: idea.commentCount, hiddenAt: idea.hiddenAt })
		.from(idea)
		.innerJoin(participationProcess, eq(participationProcess.id, idea.processId))
		.where(eq(idea.authorId, accountId))
		.orderBy(desc(idea.id))
		.limit(limit);
}

/** Ideas of a process for the back office: newest first, hidden ones included. */
export async function listIdeasForStaff(db: Db, processId: number, status: IdeaStatus | undefined, limit: number, beforeId?: number) {
	return db
		.select({ id: idea.id, title: idea.title, status: idea.status, supportCount: idea.supportCount, commentCount: idea.commentCount, hiddenAt: idea.hiddenAt, createdAt: idea.createdAt, measureId: idea.measureId })
		.from(idea)
		.where(and(eq(idea.processId, processId), status ? eq(idea.status, status) : undefined, beforeId ? sql`${idea.id} < ${beforeId}` : undefined))
		.orderBy(desc(idea.id))
		.limit(limit);
}

export async function ideaCategoriesInUse(db: Db, processId: number) {
	const rows = await db.selectDistinct({ category: idea.category }).from(idea).where(eq(idea.processId, processId));
	return rows.map((r) => r.category);
}

// Supports

/**
 * Adds the support, or does nothing when it exists (also when two requests race). The idea's
 * count follows by a trigger (migration 0012), so deleted accounts leave it right too.
 */
export async function addSupport(db: Db, ideaId: number, accountId: string) {
	const inserted = await db.insert(ideaSupport).values({ ideaId, accountId }).onConflictDoNothing().returning({ ideaId: ideaSupport.ideaId });
	return inserted.length > 0;
}
export async function removeSupport(db: Db, ideaId: number, accountId: string) {
	const deleted = await db
		.delete(ideaSupport)
		.where(and(eq(ideaSupport.ideaId, ideaId), eq(ideaSupport.accountId, accountId)))
		.returning({ ideaId: ideaSupport.ideaId });
	return deleted.length > 0;
}
export async function supportedIdeas(db: Db, accountId: string, ideaIds: number[]) {
	if (!ideaIds.length) return new Set<number>();
	const rows = await db
		.select({ ideaId: ideaSupport.ideaId })
		.from(ideaSupport)
		.where(and(eq(ideaSupport.accountId, accountId), inArray(ideaSupport.ideaId, ideaIds)));
	return new Set(rows.map((r) => r.ideaId));
}
/** Author and supporters with their addresses and languages: told about an official answer. */
export async function ideaFollowers(db: Db, ideaId: number) {
	return db
		.selectDistinct({ email: account.email, locale: account.locale })
		.from(account)
		.where(sql`${account.id} in (select ${ideaSupport.accountId} from ${ideaSupport} where ${ideaSupport.ideaId} = ${ideaId} union select ${idea.authorId} from ${idea} where ${idea.id} = ${ideaId}) and ${account.emailVerifiedAt} is not null`);
}

// Comments

export async function insertComment(db: Db, values: typeof ideaComment.$inferInsert) {
	const [row] = await db.insert(ideaComment).values(values).returning({ id: ideaComment.id });
	await db.update(idea).set({ commentCount: sql`${idea.commentCount} + 1` }).where(eq(idea.id, values.ideaId));
	return row;
}
export async function findComment(db: Db, id: number) {
	const [row] = await db
		.select({ comment: ideaComment, authorName: account.displayName, processId: idea.processId })
		.from(ideaComment)
		.innerJoin(idea, eq(idea.id, ideaComment.ideaId))
		.leftJoin(account, eq(account.id, ideaComment.authorId))
		.where(eq(ideaComment.id, id));
	return row;
}
export async function updateComment(db: Db, id: number, values: Partial<typeof ideaComment.$inferInsert>) {
	await db.update(ideaComment).set(values).where(eq(ideaComment.id, id));
}
export const REPLIES = 50;

/** The comments of an idea in order of writing, keyset by (createdAt, id) over the top-level ones; replies come with their comment. */
export async function listComments(db: Db, ideaId: number, limit: number, afterId?: number) {
	const top = await db
		.select({ comment: ideaComment, authorName: account.displayName })
		.from(ideaComment)
		.leftJoin(account, eq(account.id, ideaComment.authorId))
		.where(and(eq(ideaComment.ideaId, ideaId), isNull(ideaComment.parentId), afterId ? sql`${ideaComment.id} > ${afterId}` : undefined))
		.orderBy(asc(ideaComment.id))
		.limit(limit);
	// at most REPLIES per comment on a page (a busy thread must not make the page unbounded); `total` counts all
	const ranked = db
		.select({ id: ideaComment.id, rank: sql<number>`row_number() over (partition by ${ideaComment.parentId} order by ${ideaComment.id})`.as('rank'), total: sql<number>`count(*) over (partition by ${ideaComment.parentId})`.as('total') })
		.from(ideaComment)
		.where(
			inArray(
				ideaComment.parentId,
				top.map((t) => t.comment.id)
			)
		)
		.as('ranked');
	const replies = top.length
		? await db
				.select({ comment: ideaComment, authorName: account.displayName, total: sql<number>`${ranked.total}::int` })
				.from(ranked)
				.innerJoin(ideaComment, eq(ideaComment.id, ranked.id))
				.leftJoin(account, eq(account.id, ideaComment.authorId))
				.where(sql`${ranked.rank} <= ${REPLIES}`)
				.orderBy(asc(ideaComment.id))
		: [];
	return { top, replies };
}

// Flags

export async function insertFlag(db: Db, values: typeof contentFlag.$inferInsert) {
	const [row] = await db.insert(contentFlag).values(values).returning({ id: contentFlag.id });
	return row;
}
export async function resolveFlags(db: Db, kind: 'idea' | 'comment', id: number, resolution: 'hidden' | 'kept' | 'restored') {
	await db
		.update(contentFlag)
		.set({ resolvedAt: new Date(), resolution })
		.where(and(eq(contentFlag.targetKind, kind), eq(contentFlag.targetId, id), isNull(contentFlag.resolvedAt)));
}
/** Open flags grouped by what they flag, oldest first, for the moderation queue. */
export async function openFlags(db: Db, owners: 'all' | string[], limit: number) {
	if (owners !== 'all' && !owners.length) return [];
	const ownerFilter: SQL | undefined = owners === 'all' ? undefined : inArray(participationProcess.ownerAgs, owners);
	return db
		.select({
			targetKind: contentFlag.targetKind,
			targetId: contentFlag.targetId,
			processId: contentFlag.processId,
			processTitle: participationProcess.title,
			flags: sql<number>`count(*)::int`,
			first: sql<Date>`min(${contentFlag.createdAt})`,
			reasons: sql<string[]>`array_agg(${contentFlag.reason} order by ${contentFlag.id})`
		})
		.from(contentFlag)
		.innerJoin(participationProcess, eq(participationProcess.id, contentFlag.processId))
		.where(and(isNull(contentFlag.resolvedAt), ownerFilter))
		.groupBy(contentFlag.targetKind, contentFlag.targetId, contentFlag.processId, participationProcess.title)
		.orderBy(sql`min(${contentFlag.createdAt})`)
		.limit(limit);
}

// Prioritisation

export async function ensureBallot(db: Db, processId: number, accountId: string, budget: number) {
	await db.insert(pointBallot).values({ processId, accountId, budget }).onConflictDoNothing();
}
/**
 * Replaces a participant's distribution. The ballot row is locked first, so parallel
 * submissions of one person run one after the other; the trigger and the ballot's check refuse
 * any total over the budget.
 */
export async function replaceAllocations(db: Db, processId: number, accountId: string, points: Map<number, number>) {
	await db.execute(sql`select 1 from ${pointBallot} where ${pointBallot.processId} = ${processId} and ${pointBallot.accountId} = ${accountId} for update`);
	await db.delete(pointAllocation).where(and(eq(pointAllocation.processId, processId), eq(pointAllocation.accountId, accountId)));
	const rows = [...points].filter(([, p]) => p > 0).map(([ideaId, p]) => ({ processId, accountId, ideaId, points: p }));
	if (rows.length) await db.insert(pointAllocation).values(rows);
}
export async function myAllocations(db: Db, processId: number, accountId: string) {
	const rows = await db
		.select({ ideaId: pointAllocation.ideaId, points: pointAllocation.points })
		.from(pointAllocation)
		.where(and(eq(pointAllocation.processId, processId), eq(pointAllocation.accountId, accountId)));
	return new Map(rows.map((r) => [r.ideaId, r.points]));
}
export async function findBallot(db: Db, processId: number, accountId: string) {
	const [row] = await db
		.select()
		.from(pointBallot)
		.where(and(eq(pointBallot.processId, processId), eq(pointBallot.accountId, accountId)));
	return row;
}
/** Points per idea and the number of participants, highest first. */
export async function pointTotals(db: Db, processId: number) {
	const ideas = await db
		.select({ ideaId: pointAllocation.ideaId, title: idea.title, points: sql<number>`sum(${pointAllocation.points})::int`, voters: sql<number>`count(*)::int` })
		.from(pointAllocation)
		.innerJoin(idea, eq(idea.id, pointAllocation.ideaId))
		.where(and(eq(pointAllocation.processId, processId), isNull(idea.hiddenAt)))
		.groupBy(pointAllocation.ideaId, idea.title)
		.orderBy(desc(sql`sum(${pointAllocation.points})`), asc(pointAllocation.ideaId));
	const [{ participants }] = await db
		.select({ participants: sql<number>`count(*)::int` })
		.from(pointBallot)
		.where(and(eq(pointBallot.processId, processId), sql`${pointBallot.spent} > 0`));
	return { ideas, participants };
}

/** Measures to link a process or an accepted idea to, by title. */
export async function measureTitles(db: Db, limit = 2000) {
	return db.select({ id: measure.id, title: measure.title, isPublic: measure.isPublic }).from(measure).orderBy(asc(measure.title)).limit(limit);
}

export async function countProcesses(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(participationProcess);
	return row.n;
}
/** Removes the demo processes; ideas, comments, supports, flags and points go with them. */
export async function deleteDemoProcesses(db: Db) {
	const rows = await db.delete(participationProcess).where(eq(participationProcess.demo, true)).returning({ id: participationProcess.id });
	return rows.length;
}

/** Everything a person contributed (DSGVO Art. 15/20): ideas, comments, supports, points, survey answers. */
export async function contributionsOf(db: Db, accountId: string) {
	const [ideas, comments, supports, points, responses] = await Promise.all([
		db.select({ id: idea.id, process: idea.processId, title: idea.title, body: idea.body, category: idea.category, placeText: idea.placeText, status: idea.status, createdAt: idea.createdAt, editedAt: idea.editedAt, hiddenReason: idea.hiddenReason }).from(idea).where(eq(idea.authorId, accountId)).orderBy(asc(idea.id)),
		db.select({ id: ideaComment.id, idea: ideaComment.ideaId, body: ideaComment.body, createdAt: ideaComment.createdAt, editedAt: ideaComment.editedAt, hiddenReason: ideaComment.hiddenReason }).from(ideaComment).where(eq(ideaComment.authorId, accountId)).orderBy(asc(ideaComment.id)),
		db.select({ idea: ideaSupport.ideaId, at: ideaSupport.createdAt }).from(ideaSupport).where(eq(ideaSupport.accountId, accountId)).orderBy(asc(ideaSupport.ideaId)),
		db.select({ process: pointAllocation.processId, idea: pointAllocation.ideaId, points: pointAllocation.points }).from(pointAllocation).where(eq(pointAllocation.accountId, accountId)),
		db
			.select({ survey: surveyResponse.surveyId, question: surveyQuestion.prompt, value: surveyAnswer.value, updatedAt: surveyResponse.updatedAt })
			.from(surveyResponse)
			.innerJoin(surveyAnswer, eq(surveyAnswer.responseId, surveyResponse.id))
			.innerJoin(surveyQuestion, eq(surveyQuestion.id, surveyAnswer.questionId))
			.where(eq(surveyResponse.accountId, accountId))
			.orderBy(asc(surveyResponse.id), asc(surveyQuestion.position))
	]);
	return { ideas, comments, supports, points, surveyAnswers: responses };
}
