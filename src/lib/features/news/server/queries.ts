import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality } from '../../region/server/tables.ts';
import { newsItem, type NewsStatus } from './tables.ts';

export type NewsRow = typeof newsItem.$inferSelect;
/** `ags`: one municipality's news; 'region': the region's own; undefined: all. */
export type NewsFilter = { ags?: string | 'region' };

export async function insertNews(db: Db, values: typeof newsItem.$inferInsert) {
	const [row] = await db.insert(newsItem).values(values).returning({ id: newsItem.id });
	return row;
}
export async function updateNews(db: Db, id: number, values: Partial<typeof newsItem.$inferInsert>) {
	await db
		.update(newsItem)
		.set({ ...values, updatedAt: new Date() })
		.where(eq(newsItem.id, id));
}
export async function findNews(db: Db, id: number) {
	const [row] = await db
		.select({ news: newsItem, municipalityName: municipality.name, municipalitySlug: municipality.slug })
		.from(newsItem)
		.leftJoin(municipality, eq(municipality.ags, newsItem.municipalityAgs))
		.where(eq(newsItem.id, id));
	return row;
}

const visible = (now: Date) => and(eq(newsItem.status, 'published'), lte(newsItem.publishAt, now));
const scoped = (f: NewsFilter) => (f.ags === 'region' ? isNull(newsItem.municipalityAgs) : f.ags ? eq(newsItem.municipalityAgs, f.ags) : undefined);

/** Published news that is due, newest first, keyset-paged by (publishAt, id). */
export async function listPublished(db: Db, f: NewsFilter, now: Date, limit: number, before?: { at: Date; id: number }) {
	return db
		.select({ news: newsItem, municipalityName: municipality.name, municipalitySlug: municipality.slug })
		.from(newsItem)
		.leftJoin(municipality, eq(municipality.ags, newsItem.municipalityAgs))
		.where(and(visible(now), scoped(f), before ? sql`(${newsItem.publishAt}, ${newsItem.id}) < (${before.at.toISOString()}::timestamptz, ${before.id})` : undefined))
		.orderBy(desc(newsItem.publishAt), desc(newsItem.id))
		.limit(limit);
}

/** The back office's list: drafts and scheduled first, then by date. */
export async function listForEditing(db: Db, scope: 'all' | string[], status: NewsStatus | undefined, limit: number) {
	if (scope !== 'all' && !scope.length) return [];
	return db
		.select({ id: newsItem.id, title: newsItem.title, status: newsItem.status, publishAt: newsItem.publishAt, municipalityName: municipality.name, updatedAt: newsItem.updatedAt })
		.from(newsItem)
		.leftJoin(municipality, eq(municipality.ags, newsItem.municipalityAgs))
		.where(and(scope === 'all' ? undefined : inArray(newsItem.municipalityAgs, scope), status ? eq(newsItem.status, status) : undefined))
		.orderBy(sql`${newsItem.status} = 'draft' desc`, desc(sql`coalesce(${newsItem.publishAt}, ${newsItem.updatedAt})`), desc(newsItem.id))
		.limit(limit);
}

/** Whether news became due in (from, to]: then the search index is brought up to date. */
export async function becameDue(db: Db, from: Date, to: Date) {
	const rows = await db
		.select({ id: newsItem.id })
		.from(newsItem)
		.where(and(eq(newsItem.status, 'published'), sql`${newsItem.publishAt} > ${from.toISOString()}::timestamptz`, lte(newsItem.publishAt, to)))
		.limit(1);
	return rows.length > 0;
}

/** Every visible news item, keyset by id (search). */
export async function listVisibleById(db: Db, now: Date, limit: number, afterId = 0) {
	return db
		.select({ news: newsItem, municipalityName: municipality.name })
		.from(newsItem)
		.leftJoin(municipality, eq(municipality.ags, newsItem.municipalityAgs))
		.where(and(visible(now), sql`${newsItem.id} > ${afterId}`))
		.orderBy(asc(newsItem.id))
		.limit(limit);
}

export async function countNews(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(newsItem);
	return row.n;
}
export async function markDemo(db: Db, ids: number[]) {
	if (ids.length) await db.update(newsItem).set({ demo: true }).where(inArray(newsItem.id, ids));
}
export async function deleteDemo(db: Db) {
	return (await db.delete(newsItem).where(eq(newsItem.demo, true)).returning({ id: newsItem.id })).length;
}
