import { and, asc, eq, gt, inArray, lte, gte, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '#lib/server/db/client.ts';
import { agendaItem, body, bodyFile, decision, legislativeTerm, meeting, membership, oparlDeletion, paper, person } from '../../../bodies/server/tables.ts';
import { municipality, region } from '../../../region/server/tables.ts';

/**
 * The OParl view of the bodies domain. Each OParl type reads one table; what the public may see
 * of it is a condition on its row (a closed agenda item, a paper no public item consults, a closed
 * document are not there). An object that is not visible answers like a deleted one.
 */
export const oparlKinds = ['organization', 'person', 'membership', 'legislativeTerm', 'meeting', 'agendaItem', 'consultation', 'paper', 'file', 'location'] as const;
export type OparlKind = (typeof oparlKinds)[number];

type Source = { table: PgTable & { id: PgColumn; createdAt: PgColumn; updatedAt: PgColumn }; name: string; visible: SQL; deletedAs: string };

const publicItemConsults = (paperId: SQL) => sql`exists (select 1 from agenda_item ai where ai.paper_id = ${paperId} and ai.is_public)`;

const sources: Record<OparlKind, Source> = {
	organization: { table: body, name: 'body', visible: sql`true`, deletedAs: 'organization' },
	// public members only: people who sit or sat in a body
	person: { table: person, name: 'person', visible: sql`exists (select 1 from membership ms where ms.person_id = "person"."id")`, deletedAs: 'person' },
	membership: { table: membership, name: 'membership', visible: sql`true`, deletedAs: 'membership' },
	legislativeTerm: { table: legislativeTerm, name: 'legislative_term', visible: sql`true`, deletedAs: 'legislativeTerm' },
	meeting: { table: meeting, name: 'meeting', visible: sql`true`, deletedAs: 'meeting' },
	agendaItem: { table: agendaItem, name: 'agenda_item', visible: sql`"agenda_item"."is_public"`, deletedAs: 'agendaItem' },
	// a consultation is the agenda item that consults a paper
	consultation: { table: agendaItem, name: 'agenda_item', visible: sql`"agenda_item"."is_public" and "agenda_item"."paper_id" is not null`, deletedAs: 'agendaItem' },
	paper: { table: paper, name: 'paper', visible: publicItemConsults(sql`"paper"."id"`), deletedAs: 'paper' },
	file: {
		table: bodyFile,
		name: 'body_file',
		visible: sql`"body_file"."is_public" and ("body_file"."meeting_id" is not null or ${publicItemConsults(sql`"body_file"."paper_id"`)})`,
		deletedAs: 'file'
	},
	// a meeting's place
	location: { table: meeting, name: 'meeting', visible: sql`"meeting"."location_text" is not null`, deletedAs: 'meeting' }
};

export type ListFilter = { createdSince?: Date; createdUntil?: Date; modifiedSince?: Date; modifiedUntil?: Date; organizationId?: number };

function rowFilter(s: Source, f: ListFilter) {
	return and(
		f.createdSince ? gte(s.table.createdAt, f.createdSince) : undefined,
		f.createdUntil ? lte(s.table.createdAt, f.createdUntil) : undefined,
		f.modifiedSince ? gte(s.table.updatedAt, f.modifiedSince) : undefined,
		f.modifiedUntil ? lte(s.table.updatedAt, f.modifiedUntil) : undefined,
		f.organizationId !== undefined && s.table === meeting ? eq(meeting.bodyId, f.organizationId) : undefined
	);
}

/** Visible rows in id order after `afterId`. */
export async function listVisible(db: Db, kind: OparlKind, f: ListFilter, afterId: number, limit: number) {
	const s = sources[kind];
	return db
		.select()
		.from(s.table)
		.where(and(s.visible, gt(s.table.id, afterId), rowFilter(s, f)))
		.orderBy(asc(s.table.id))
		.limit(limit) as Promise<Record<string, unknown>[]>;
}

export type Tombstone = { id: number; createdAt: Date; modifiedAt: Date };

/**
 * What is gone since `modifiedSince`, in id order: deleted rows, and rows no longer (or never)
 * visible whose last change falls in the window.
 */
export async function listGone(db: Db, kind: OparlKind, f: ListFilter & { modifiedSince: Date }, afterId: number, limit: number) {
	const s = sources[kind];
	const until = f.modifiedUntil?.toISOString() ?? null;
	const createdSince = f.createdSince?.toISOString() ?? null;
	const createdUntil = f.createdUntil?.toISOString() ?? null;
	const rows = await queryRows<{ id: number; created_at: string | Date; modified_at: string | Date }>(
		db,
		sql`select id, created_at, modified_at from (
			select ${s.table.id} as id, ${s.table.createdAt} as created_at, ${s.table.updatedAt} as modified_at from ${s.table}
			where not (${s.visible}) and ${s.table.updatedAt} >= ${f.modifiedSince.toISOString()}::timestamptz
			union all
			select id, created_at, deleted_at from ${oparlDeletion}
			where kind = ${s.deletedAs} and deleted_at >= ${f.modifiedSince.toISOString()}::timestamptz
		) gone
		where id > ${afterId}
			and (${until}::timestamptz is null or modified_at <= ${until}::timestamptz)
			and (${createdSince}::timestamptz is null or created_at >= ${createdSince}::timestamptz)
			and (${createdUntil}::timestamptz is null or created_at <= ${createdUntil}::timestamptz)
		order by id limit ${limit}`
	);
	return rows.map((r): Tombstone => ({ id: r.id, createdAt: new Date(r.created_at), modifiedAt: new Date(r.modified_at) }));
}

/** How many elements a list has, and how many of them lie at or before `afterId`. */
export async function countList(db: Db, kind: OparlKind, f: ListFilter, afterId: number) {
	const s = sources[kind];
	const [visible] = await queryRows<{ total: number; before: number }>(
		db,
		sql`select count(*)::int as total, count(*) filter (where ${s.table.id} <= ${afterId})::int as before from ${s.table} where ${and(s.visible, rowFilter(s, f))}`
	);
	if (!f.modifiedSince) return visible;
	const gone = await listGone(db, kind, { ...f, modifiedSince: f.modifiedSince }, 0, 1_000_000);
	return { total: visible.total + gone.length, before: visible.before + gone.filter((g) => g.id <= afterId).length };
}

/** One row of a kind: visible, present but not visible, deleted, or unknown. */
export async function findObject(db: Db, kind: OparlKind, id: number): Promise<{ row: Record<string, unknown> } | { gone: Tombstone } | undefined> {
	const s = sources[kind];
	const [row] = await queryRows<{ visible: boolean }>(db, sql`select ${s.visible} as visible from ${s.table} where ${s.table.id} = ${id}`);
	if (row?.visible) {
		const [full] = (await db.select().from(s.table).where(eq(s.table.id, id))) as Record<string, unknown>[];
		return { row: full };
	}
	if (row) {
		const [t] = await queryRows<{ created_at: string | Date; updated_at: string | Date }>(db, sql`select ${s.table.createdAt} as created_at, ${s.table.updatedAt} as updated_at from ${s.table} where ${s.table.id} = ${id}`);
		return { gone: { id, createdAt: new Date(t.created_at), modifiedAt: new Date(t.updated_at) } };
	}
	const [deleted] = await db
		.select()
		.from(oparlDeletion)
		.where(and(eq(oparlDeletion.kind, s.deletedAs), eq(oparlDeletion.id, id)));
	return deleted ? { gone: { id, createdAt: deleted.createdAt, modifiedAt: deleted.deletedAt } } : undefined;
}

// What the presenters need besides the row itself, read for a whole page at once.

export type MeetingRow = typeof meeting.$inferSelect;
export type AgendaItemRow = typeof agendaItem.$inferSelect;
export type PaperRow = typeof paper.$inferSelect;
export type FileRow = typeof bodyFile.$inferSelect;
export type BodyRow = typeof body.$inferSelect;
export type PersonRow = typeof person.$inferSelect;
export type MembershipRow = typeof membership.$inferSelect;
export type TermRow = typeof legislativeTerm.$inferSelect;

export async function findRegionRow(db: Db) {
	const [row] = await db.select().from(region).limit(1);
	return row;
}

export async function municipalityNames(db: Db) {
	return new Map((await db.select({ ags: municipality.ags, name: municipality.name }).from(municipality)).map((m) => [m.ags, m.name]));
}

export async function bodyNames(db: Db) {
	return new Map((await db.select({ id: body.id, name: body.name }).from(body)).map((b) => [b.id, b.name]));
}

export async function listTerms(db: Db) {
	return db.select().from(legislativeTerm).orderBy(asc(legislativeTerm.id));
}

export async function membershipsOf(db: Db, by: { personIds?: number[]; bodyIds?: number[] }) {
	const where = by.personIds ? inArray(membership.personId, by.personIds.length ? by.personIds : [-1]) : inArray(membership.bodyId, by.bodyIds?.length ? by.bodyIds : [-1]);
	return db.select().from(membership).where(where).orderBy(asc(membership.id));
}

export async function publicItemsOfMeetings(db: Db, meetingIds: number[]) {
	if (!meetingIds.length) return [];
	return db
		.select()
		.from(agendaItem)
		.where(and(inArray(agendaItem.meetingId, meetingIds), eq(agendaItem.isPublic, true)))
		.orderBy(asc(agendaItem.meetingId), asc(agendaItem.position));
}

/** The public items consulting these papers, with the body of their meeting. */
export async function consultationsOfPapers(db: Db, paperIds: number[]) {
	if (!paperIds.length) return [];
	return db
		.select({ item: agendaItem, bodyId: meeting.bodyId })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(and(inArray(agendaItem.paperId, paperIds), eq(agendaItem.isPublic, true)))
		.orderBy(asc(agendaItem.id));
}

export async function meetingBodies(db: Db, meetingIds: number[]) {
	if (!meetingIds.length) return new Map<number, number>();
	return new Map((await db.select({ id: meeting.id, bodyId: meeting.bodyId }).from(meeting).where(inArray(meeting.id, meetingIds))).map((m) => [m.id, m.bodyId]));
}

/** The decision in force of each item: the latest, since a correction is a newer row. */
export async function decisionsOfItems(db: Db, itemIds: number[]) {
	if (!itemIds.length) return new Map<number, typeof decision.$inferSelect>();
	const rows = await db.select().from(decision).where(inArray(decision.agendaItemId, itemIds)).orderBy(asc(decision.id));
	return new Map(rows.map((d) => [d.agendaItemId, d]));
}

export async function publicFilesOf(db: Db, owner: { meetingIds: number[] } | { paperIds: number[] }) {
	const where = 'meetingIds' in owner ? inArray(bodyFile.meetingId, owner.meetingIds.length ? owner.meetingIds : [-1]) : inArray(bodyFile.paperId, owner.paperIds.length ? owner.paperIds : [-1]);
	return db
		.select()
		.from(bodyFile)
		.where(and(where, eq(bodyFile.isPublic, true)))
		.orderBy(asc(bodyFile.id));
}

/** When the Body last changed: its terms, or anything deleted from them. */
export async function bodyModified(db: Db) {
	const [row] = await queryRows<{ at: string | Date | null }>(
		db,
		sql`select greatest((select max(updated_at) from legislative_term), (select max(deleted_at) from oparl_deletion where kind = 'legislativeTerm'), (select imported_at from region limit 1)) as at`
	);
	return row?.at ? new Date(row.at) : null;
}
