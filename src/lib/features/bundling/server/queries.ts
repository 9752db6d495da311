import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { municipality } from '../../region/server/tables.ts';
import { bundle, bundleComment, bundlePlan, procurementPlan } from './tables.ts';

export type PlanRow = typeof procurementPlan.$inferSelect;

export async function insertPlan(db: Db, values: typeof procurementPlan.$inferInsert) {
	const [row] = await db.insert(procurementPlan).values(values).returning();
	return row;
}
export async function findPlan(db: Db, id: number) {
	const [row] = await db.select().from(procurementPlan).where(eq(procurementPlan.id, id));
	return row;
}
export async function deletePlan(db: Db, id: number) {
	const [row] = await db.delete(procurementPlan).where(eq(procurementPlan.id, id)).returning();
	return row;
}
export async function listPlans(db: Db, limit: number) {
	return db
		.select({ plan: procurementPlan, municipalityName: municipality.name })
		.from(procurementPlan)
		.innerJoin(municipality, eq(municipality.ags, procurementPlan.ags))
		.orderBy(desc(procurementPlan.id))
		.limit(limit);
}
export async function plansByIds(db: Db, ids: number[]) {
	if (!ids.length) return [];
	return db
		.select({ plan: procurementPlan, municipalityName: municipality.name })
		.from(procurementPlan)
		.innerJoin(municipality, eq(municipality.ags, procurementPlan.ags))
		.where(inArray(procurementPlan.id, ids))
		.orderBy(asc(procurementPlan.ags), asc(procurementPlan.id));
}

/**
 * Pairs of plans that could be bought together: different municipalities, the same CPV division,
 * overlapping periods and texts at least `threshold` similar (pg_trgm), neither already in a bundle.
 */
export async function matchingPairs(db: Db, threshold: number) {
	const text = (alias: string) => sql.raw(`(${alias}.subject || ' ' || ${alias}.description)`);
	const result = await db.execute(sql`
		select a.id as a, b.id as b, similarity(${text('a')}, ${text('b')}) as similarity
		from procurement_plan a
		join procurement_plan b on b.cpv_division = a.cpv_division and b.id > a.id and b.ags <> a.ags
			and daterange(a.period_start, a.period_end, '[]') && daterange(b.period_start, b.period_end, '[]')
		where similarity(${text('a')}, ${text('b')}) >= ${threshold}
			and not exists (select 1 from bundle_plan bp where bp.plan_id in (a.id, b.id))
		order by a.id, b.id`);
	return (result as unknown as { rows: { a: number; b: number; similarity: number }[] }).rows;
}

export async function insertBundle(db: Db, values: typeof bundle.$inferInsert, planIds: number[]) {
	const [row] = await db.insert(bundle).values(values).returning();
	await db.insert(bundlePlan).values(planIds.map((planId) => ({ bundleId: row.id, planId })));
	return row;
}
export async function findBundle(db: Db, id: number) {
	const [row] = await db.select().from(bundle).where(eq(bundle.id, id));
	return row;
}
export async function listBundles(db: Db) {
	return db.select().from(bundle).orderBy(desc(bundle.id)).limit(100);
}
export async function planIdsOfBundles(db: Db, bundleIds: number[]) {
	if (!bundleIds.length) return [];
	return db.select().from(bundlePlan).where(inArray(bundlePlan.bundleId, bundleIds));
}
export async function plansInBundles(db: Db, planIds: number[]) {
	if (!planIds.length) return [];
	return db.select().from(bundlePlan).where(inArray(bundlePlan.planId, planIds));
}
export async function setBundleMeasure(db: Db, id: number, measureId: number) {
	await db.update(bundle).set({ measureId }).where(and(eq(bundle.id, id), sql`${bundle.measureId} is null`));
}
export async function insertComment(db: Db, values: typeof bundleComment.$inferInsert) {
	const [row] = await db.insert(bundleComment).values(values).returning();
	return row;
}
export async function listComments(db: Db, bundleIds: number[]) {
	if (!bundleIds.length) return [];
	return db.select().from(bundleComment).where(inArray(bundleComment.bundleId, bundleIds)).orderBy(asc(bundleComment.id));
}
