import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { reportCategory, reportCategoryAttribute } from './tables.ts';

export type CategoryRow = typeof reportCategory.$inferSelect;
export type AttributeRow = typeof reportCategoryAttribute.$inferSelect;

export async function countCategories(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reportCategory);
	return row.n;
}

export async function insertCategory(db: Db, values: typeof reportCategory.$inferInsert, attributes: Omit<typeof reportCategoryAttribute.$inferInsert, 'categoryId'>[]) {
	const [row] = await db.insert(reportCategory).values(values).returning();
	if (attributes.length) await db.insert(reportCategoryAttribute).values(attributes.map((a) => ({ ...a, categoryId: row.id })));
	return row;
}

/** Active categories in their order, each with the number of its extra questions. */
export async function listActiveCategories(db: Db) {
	return db
		.select({
			category: reportCategory,
			// written out: inside a subquery drizzle would leave "id" unqualified (and it would mean the attribute's id)
			attributeCount: sql<number>`(select count(*)::int from report_category_attribute a where a.category_id = "report_category"."id")`
		})
		.from(reportCategory)
		.where(eq(reportCategory.active, true))
		.orderBy(asc(reportCategory.sortOrder), asc(reportCategory.id));
}

export async function findActiveCategory(db: Db, code: string) {
	const [row] = await db.select().from(reportCategory).where(sql`${reportCategory.code} = ${code} and ${reportCategory.active}`);
	return row;
}

export async function listAttributes(db: Db, categoryId: number) {
	return db.select().from(reportCategoryAttribute).where(eq(reportCategoryAttribute.categoryId, categoryId)).orderBy(asc(reportCategoryAttribute.order));
}
