import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import type { VoteChoice } from '../decisions.ts';
import { municipality } from '../../region/server/tables.ts';
import { measure } from '../../cooperation/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { agendaItem, body, bodyFile, decision, legislativeTerm, meeting, membership, paper, paperMeasure, person } from './tables.ts';

export type BodyRow = typeof body.$inferSelect;
export type MeetingRow = typeof meeting.$inferSelect;
export type AgendaItemRow = typeof agendaItem.$inferSelect;
export type DecisionRow = typeof decision.$inferSelect;
export type PaperRow = typeof paper.$inferSelect;

export async function insertBody(db: Db, values: typeof body.$inferInsert) {
	const [row] = await db.insert(body).values(values).returning();
	return row;
}
export async function updateBody(db: Db, id: number, values: Partial<typeof body.$inferInsert>) {
	const [row] = await db.update(body).set(values).where(eq(body.id, id)).returning();
	return row;
}
export async function findBody(db: Db, id: number) {
	const [row] = await db.select().from(body).where(eq(body.id, id));
	return row;
}
export async function listBodies(db: Db) {
	return db.select().from(body).orderBy(asc(body.kind), asc(body.name));
}

export async function insertTerm(db: Db, values: typeof legislativeTerm.$inferInsert) {
	const [row] = await db.insert(legislativeTerm).values(values).returning();
	return row;
}
export async function listTerms(db: Db, bodyId: number) {
	return db.select().from(legislativeTerm).where(eq(legislativeTerm.bodyId, bodyId)).orderBy(desc(legislativeTerm.startOn));
}

export async function insertPerson(db: Db, values: typeof person.$inferInsert) {
	const [row] = await db.insert(person).values(values).returning();
	return row;
}
export async function findPerson(db: Db, id: number) {
	const [row] = await db.select().from(person).where(eq(person.id, id));
	return row;
}

export async function insertMembership(db: Db, values: typeof membership.$inferInsert) {
	const [row] = await db.insert(membership).values(values).returning();
	return row;
}
export async function endMembership(db: Db, id: number, endOn: string) {
	const [row] = await db
		.update(membership)
		.set({ endOn })
		.where(and(eq(membership.id, id), isNull(membership.endOn)))
		.returning();
	return row;
}
export async function findMembership(db: Db, id: number) {
	const [row] = await db.select().from(membership).where(eq(membership.id, id));
	return row;
}

/** Members of a body on a day, with their person (the e-mail only for the back office). */
export async function currentMembers(db: Db, bodyId: number, on: string) {
	return db
		.select({ membership, person, municipalityName: municipality.name })
		.from(membership)
		.innerJoin(person, eq(person.id, membership.personId))
		.leftJoin(municipality, eq(municipality.ags, membership.municipalityAgs))
		.where(and(eq(membership.bodyId, bodyId), lte(membership.startOn, on), or(isNull(membership.endOn), gt(membership.endOn, on))))
		.orderBy(asc(municipality.sortOrder), asc(membership.role), asc(person.name));
}

/** The bodies an account sits in today (for closed items). */
export async function bodiesOfAccount(db: Db, accountId: string, on: string) {
	const rows = await db
		.selectDistinct({ bodyId: membership.bodyId })
		.from(membership)
		.innerJoin(person, eq(person.id, membership.personId))
		.where(and(eq(person.accountId, accountId), lte(membership.startOn, on), or(isNull(membership.endOn), gt(membership.endOn, on))));
	return rows.map((r) => r.bodyId);
}

export async function listMemberMunicipalities(db: Db) {
	return db.select({ ags: municipality.ags, name: municipality.name, slug: municipality.slug }).from(municipality).orderBy(asc(municipality.sortOrder));
}

export async function insertPaper(db: Db, values: typeof paper.$inferInsert, measureIds: number[]) {
	const [row] = await db.insert(paper).values(values).returning();
	if (measureIds.length) await db.insert(paperMeasure).values(measureIds.map((measureId) => ({ paperId: row.id, measureId })));
	return row;
}
export async function updatePaper(db: Db, id: number, values: Partial<typeof paper.$inferInsert>, measureIds: number[]) {
	await db.update(paper).set({ ...values, updatedAt: new Date() }).where(eq(paper.id, id));
	await db.delete(paperMeasure).where(eq(paperMeasure.paperId, id));
	if (measureIds.length) await db.insert(paperMeasure).values(measureIds.map((measureId) => ({ paperId: id, measureId })));
}
export async function deletePaper(db: Db, id: number) {
	await db.delete(paper).where(eq(paper.id, id));
}
export async function paperByReference(db: Db, reference: string) {
	const [row] = await db.select({ id: paper.id }).from(paper).where(sql`lower(${paper.reference}) = lower(${reference})`);
	return row;
}
export async function findPaper(db: Db, id: number) {
	const [row] = await db.select().from(paper).where(eq(paper.id, id));
	return row;
}
export async function paperMeasures(db: Db, paperIds: number[]) {
	if (!paperIds.length) return [];
	return db
		.select({ paperId: paperMeasure.paperId, id: measure.id, title: measure.title, isPublic: measure.isPublic })
		.from(paperMeasure)
		.innerJoin(measure, eq(measure.id, paperMeasure.measureId))
		.where(inArray(paperMeasure.paperId, paperIds));
}
export async function existingMeasures(db: Db, ids: number[]) {
	if (!ids.length) return [];
	return db.select({ id: measure.id }).from(measure).where(inArray(measure.id, ids));
}

export async function insertMeeting(db: Db, values: typeof meeting.$inferInsert) {
	const [row] = await db.insert(meeting).values(values).returning();
	return row;
}
export async function updateMeeting(db: Db, id: number, values: Partial<typeof meeting.$inferInsert>) {
	const [row] = await db
		.update(meeting)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(meeting.id, id))
		.returning();
	return row;
}
export async function findMeeting(db: Db, id: number) {
	const [row] = await db.select({ meeting, body }).from(meeting).innerJoin(body, eq(body.id, meeting.bodyId)).where(eq(meeting.id, id));
	return row;
}
export async function listMeetingsOfBody(db: Db, bodyId: number, limit: number) {
	return db.select().from(meeting).where(eq(meeting.bodyId, bodyId)).orderBy(desc(meeting.startsAt)).limit(limit);
}

export async function insertAgendaItem(db: Db, values: Omit<typeof agendaItem.$inferInsert, 'position' | 'number'>) {
	const [{ next }] = await db
		.select({ next: sql<number>`coalesce(max(${agendaItem.position}), 0)::int + 1` })
		.from(agendaItem)
		.where(eq(agendaItem.meetingId, values.meetingId));
	const [row] = await db
		.insert(agendaItem)
		.values({ ...values, position: next, number: String(next) })
		.returning();
	return row;
}
export async function updateAgendaItem(db: Db, id: number, values: Partial<Pick<typeof agendaItem.$inferInsert, 'title' | 'isPublic' | 'paperId'>>) {
	await db.update(agendaItem).set(values).where(eq(agendaItem.id, id));
}
export async function deleteAgendaItem(db: Db, id: number) {
	await db.delete(agendaItem).where(eq(agendaItem.id, id));
}
/**
 * Gives a meeting's items the positions 1..n in the order of `ids` and numbers them after it. The
 * positions are unique, so they pass through negative values first.
 */
export async function renumberAgenda(db: Db, meetingId: number, ids: number[]) {
	await db.update(agendaItem).set({ position: sql`-${agendaItem.position}` }).where(eq(agendaItem.meetingId, meetingId));
	for (const [i, id] of ids.entries()) await db.update(agendaItem).set({ position: i + 1, number: String(i + 1) }).where(and(eq(agendaItem.id, id), eq(agendaItem.meetingId, meetingId)));
}
export async function meetingHasDecisions(db: Db, meetingId: number) {
	const rows = await db.select({ id: decision.id }).from(decision).innerJoin(agendaItem, eq(agendaItem.id, decision.agendaItemId)).where(eq(agendaItem.meetingId, meetingId)).limit(1);
	return rows.length > 0;
}
export async function findAgendaItem(db: Db, id: number) {
	const [row] = await db
		.select({ item: agendaItem, meeting, body })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.innerJoin(body, eq(body.id, meeting.bodyId))
		.where(eq(agendaItem.id, id));
	return row;
}
export async function listAgendaItems(db: Db, meetingId: number) {
	return db
		.select({ item: agendaItem, paperReference: paper.reference, paperTitle: paper.title })
		.from(agendaItem)
		.leftJoin(paper, eq(paper.id, agendaItem.paperId))
		.where(eq(agendaItem.meetingId, meetingId))
		.orderBy(asc(agendaItem.position));
}

export async function insertDecision(db: Db, values: typeof decision.$inferInsert) {
	const [row] = await db.insert(decision).values(values).returning();
	return row;
}
export async function findDecision(db: Db, id: number) {
	const [row] = await db.select().from(decision).where(eq(decision.id, id));
	return row;
}
/** Every decision of these items, the original first: the last of an item is the one in force. */
export async function decisionsOfItems(db: Db, itemIds: number[]) {
	if (!itemIds.length) return [];
	return db.select().from(decision).where(inArray(decision.agendaItemId, itemIds)).orderBy(asc(decision.agendaItemId), asc(decision.id));
}
export async function isCorrected(db: Db, id: number) {
	const [row] = await db.select({ id: decision.id }).from(decision).where(eq(decision.corrects, id));
	return Boolean(row);
}

export async function listPapers(db: Db, limit: number, beforeId?: number) {
	return db
		.select()
		.from(paper)
		.where(beforeId ? sql`${paper.id} < ${beforeId}` : undefined)
		.orderBy(desc(paper.id))
		.limit(limit);
}

/** Where a paper was consulted: the meetings and the items, public ones only unless asked. */
export async function consultations(db: Db, paperId: number) {
	return db
		.select({ item: agendaItem, meeting, bodyName: body.name })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.innerJoin(body, eq(body.id, meeting.bodyId))
		.where(eq(agendaItem.paperId, paperId))
		.orderBy(asc(meeting.startsAt));
}

/** `vote` alone: any seat cast it; with `voteBy` (AGS): that municipality's seat. */
export type DecisionFilter = { bodyId?: number; result?: string; from?: Date; to?: Date; vote?: VoteChoice; voteBy?: string };

/**
 * Decisions in force (not corrected since) on public items, newest meeting first, in keyset pages
 * by (meeting start, decision id).
 */
export async function listPublicDecisions(db: Db, f: DecisionFilter, limit: number, before?: { at: Date; id: number }) {
	return db
		.select({ decision, item: agendaItem, meeting, bodyId: body.id, bodyName: body.name, paperId: paper.id, paperReference: paper.reference })
		.from(decision)
		.innerJoin(agendaItem, eq(agendaItem.id, decision.agendaItemId))
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.innerJoin(body, eq(body.id, meeting.bodyId))
		.leftJoin(paper, eq(paper.id, agendaItem.paperId))
		.where(
			and(
				eq(agendaItem.isPublic, true),
				sql`not exists (select 1 from decision newer where newer.corrects = ${sql.raw('"decision"."id"')})`,
				f.bodyId ? eq(body.id, f.bodyId) : undefined,
				f.result ? eq(decision.result, f.result as DecisionRow['result']) : undefined,
				// containment on the votes array uses its GIN index
				f.vote ? sql`${decision.votes} @> ${JSON.stringify([f.voteBy ? { municipality: f.voteBy, vote: f.vote } : { vote: f.vote }])}::jsonb` : undefined,
				f.from ? sql`${meeting.startsAt} >= ${f.from.toISOString()}` : undefined,
				f.to ? sql`${meeting.startsAt} < ${f.to.toISOString()}` : undefined,
				before ? sql`(${meeting.startsAt}, ${decision.id}) < (${before.at.toISOString()}::timestamptz, ${before.id})` : undefined
			)
		)
		.orderBy(desc(meeting.startsAt), desc(decision.id))
		.limit(limit);
}

export async function listMeetings(db: Db, limit: number, afterId = 0) {
	return db.select().from(meeting).where(gt(meeting.id, afterId)).orderBy(asc(meeting.id)).limit(limit);
}
export async function publicItemsOf(db: Db, meetingIds: number[]) {
	if (!meetingIds.length) return [];
	return db
		.select({ item: agendaItem, paperReference: paper.reference })
		.from(agendaItem)
		.leftJoin(paper, eq(paper.id, agendaItem.paperId))
		.where(and(inArray(agendaItem.meetingId, meetingIds), eq(agendaItem.isPublic, true)))
		.orderBy(asc(agendaItem.meetingId), asc(agendaItem.position));
}
/** Papers a public agenda item consults, keyset by id. */
export async function listPublicPapers(db: Db, limit: number, afterId = 0) {
	return db
		.select()
		.from(paper)
		.where(and(gt(paper.id, afterId), sql`exists (select 1 from agenda_item ai where ai.paper_id = ${sql.raw('"paper"."id"')} and ai.is_public)`))
		.orderBy(asc(paper.id))
		.limit(limit);
}

export async function countBodies(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(body);
	return row.n;
}
export async function markDemo(db: Db, bodyIds: number[], personIds: number[], paperIds: number[]) {
	if (bodyIds.length) await db.update(body).set({ demo: true }).where(inArray(body.id, bodyIds));
	if (personIds.length) await db.update(person).set({ demo: true }).where(inArray(person.id, personIds));
	if (paperIds.length) await db.update(paper).set({ demo: true }).where(inArray(paper.id, paperIds));
}
/** The demo bodies with their meetings, items and decisions, the demo people and papers. */
export async function deleteDemo(db: Db) {
	const demoMeetings = sql`(select m.id from meeting m join body b on b.id = m.body_id where b.demo)`;
	await db.execute(sql`delete from decision where agenda_item_id in (select id from agenda_item where meeting_id in ${demoMeetings})`);
	await db.execute(sql`delete from meeting where id in ${demoMeetings}`);
	const bodies = await db.delete(body).where(eq(body.demo, true)).returning({ id: body.id });
	await db.execute(sql`delete from person where demo and not exists (select 1 from membership ms where ms.person_id = person.id)`);
	await db.execute(sql`delete from paper where demo and not exists (select 1 from agenda_item ai where ai.paper_id = paper.id)`);
	return bodies.length;
}

export async function insertFile(db: Db, values: typeof bodyFile.$inferInsert) {
	const [row] = await db.insert(bodyFile).values(values).returning();
	return row;
}
export async function findFile(db: Db, id: number) {
	const [row] = await db.select().from(bodyFile).where(eq(bodyFile.id, id));
	return row;
}
export async function deleteFile(db: Db, id: number) {
	const [row] = await db.delete(bodyFile).where(eq(bodyFile.id, id)).returning();
	return row;
}
export async function filesOf(db: Db, owner: { paperId: number } | { meetingId: number }) {
	return db
		.select()
		.from(bodyFile)
		.where('paperId' in owner ? eq(bodyFile.paperId, owner.paperId) : eq(bodyFile.meetingId, owner.meetingId))
		.orderBy(asc(bodyFile.id));
}

/** The account with this verified address, if any: a member signed in with it sees closed items. */
export async function verifiedAccountId(db: Db, email: string) {
	const [row] = await db
		.select({ id: account.id })
		.from(account)
		.where(and(sql`lower(${account.email}) = lower(${email})`, sql`${account.emailVerifiedAt} is not null`));
	return row?.id ?? null;
}
