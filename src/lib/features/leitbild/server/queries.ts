import { asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { actionField, goal, goalActionField, leitbildRevision, type LeitbildContent } from './tables.ts';

export async function latestRevision(db: Db) {
	const [row] = await db.select().from(leitbildRevision).orderBy(desc(leitbildRevision.id)).limit(1);
	return row;
}

export async function findRevision(db: Db, id: number) {
	const [row] = await db.select().from(leitbildRevision).where(eq(leitbildRevision.id, id));
	return row;
}

/** Newest first, by keyset (`beforeId`). */
export async function listRevisions(db: Db, opts: { beforeId?: number; limit: number }) {
	return db
		.select({ id: leitbildRevision.id, author: leitbildRevision.author, note: leitbildRevision.note, restoredFrom: leitbildRevision.restoredFrom, createdAt: leitbildRevision.createdAt })
		.from(leitbildRevision)
		.where(opts.beforeId ? lt(leitbildRevision.id, opts.beforeId) : undefined)
		.orderBy(desc(leitbildRevision.id))
		.limit(opts.limit);
}

/**
 * Stores a new revision and makes it current: the goal and action-field rows keep their ids
 * (by number) so that measures linked to them stay linked; numbers no longer present are removed.
 */
export async function insertRevision(db: Db, input: { content: LeitbildContent; author: string; note: string; restoredFrom?: number }) {
	return db.transaction(async (tx) => {
		const [revision] = await tx
			.insert(leitbildRevision)
			.values({ content: input.content, author: input.author, note: input.note, restoredFrom: input.restoredFrom ?? null })
			.returning();
		const { actionFields, goals } = input.content;
		const fieldIds = new Map<number, number>();
		for (const f of actionFields) {
			const [row] = await tx
				.insert(actionField)
				.values(f)
				.onConflictDoUpdate({ target: actionField.number, set: { title: f.title, description: f.description } })
				.returning({ id: actionField.id });
			fieldIds.set(f.number, row.id);
		}
		const goalIds: number[] = [];
		for (const g of goals) {
			const [row] = await tx
				.insert(goal)
				.values({ number: g.number, shortTitle: g.shortTitle, text: g.text })
				.onConflictDoUpdate({ target: goal.number, set: { shortTitle: g.shortTitle, text: g.text } })
				.returning({ id: goal.id });
			goalIds.push(row.id);
			await tx.delete(goalActionField).where(eq(goalActionField.goalId, row.id));
			await tx.insert(goalActionField).values(g.actionFields.map((n) => ({ goalId: row.id, actionFieldId: fieldIds.get(n)! })));
		}
		const allGoals = await tx.select({ id: goal.id }).from(goal);
		const staleGoals = allGoals.map((g) => g.id).filter((id) => !goalIds.includes(id));
		if (staleGoals.length) await tx.delete(goal).where(inArray(goal.id, staleGoals));
		const allFields = await tx.select({ id: actionField.id }).from(actionField);
		const keepFields = [...fieldIds.values()];
		const staleFields = allFields.map((f) => f.id).filter((id) => !keepFields.includes(id));
		if (staleFields.length) await tx.delete(actionField).where(inArray(actionField.id, staleFields));
		return revision;
	});
}

export async function listActionFields(db: Db) {
	return db.select().from(actionField).orderBy(asc(actionField.number));
}
