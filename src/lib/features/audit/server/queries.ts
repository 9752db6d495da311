import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { auditEvent } from './tables.ts';

export type AuditEventRow = typeof auditEvent.$inferSelect;

export async function insertAuditEvent(db: Db, values: typeof auditEvent.$inferInsert) {
	await db.insert(auditEvent).values(values);
}

export type AuditFilter = {
	/** null: every municipality and region-wide entries; otherwise only these municipalities. */
	municipalities: string[] | null;
	municipality?: string;
	action?: string;
	actor?: string;
	from?: Date;
	until?: Date;
	beforeId?: number;
	limit: number;
};

/** Newest first, by keyset on id. */
export async function listAuditEvents(db: Db, f: AuditFilter) {
	return db
		.select()
		.from(auditEvent)
		.where(
			and(
				f.municipalities ? (f.municipalities.length ? inArray(auditEvent.municipalityAgs, f.municipalities) : sql`false`) : undefined,
				f.municipality ? eq(auditEvent.municipalityAgs, f.municipality) : undefined,
				f.action ? eq(auditEvent.action, f.action) : undefined,
				f.actor ? sql`lower(${auditEvent.actorName}) like ${`%${f.actor.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
				f.from ? gte(auditEvent.at, f.from) : undefined,
				f.until ? lt(auditEvent.at, f.until) : undefined,
				f.beforeId ? lt(auditEvent.id, f.beforeId) : undefined
			)
		)
		.orderBy(desc(auditEvent.id))
		.limit(f.limit);
}

export async function listAuditActions(db: Db) {
	const rows = await db.selectDistinct({ action: auditEvent.action }).from(auditEvent).orderBy(auditEvent.action);
	return rows.map((r) => r.action);
}

export async function auditEventsBy(db: Db, actorId: string) {
	return db.select().from(auditEvent).where(eq(auditEvent.actorId, actorId)).orderBy(desc(auditEvent.id)).limit(10_000);
}

/** Erasure inside the log: personal strings in the changes of one entity's entries become "[gelöscht]". */
export async function redactEntityChanges(db: Db, entityType: string, entityId: string, secrets: string[]) {
	let changes = sql`${auditEvent.changes}::text`;
	// the strings as they appear inside JSON text
	for (const secret of secrets) changes = sql`replace(${changes}, ${JSON.stringify(secret).slice(1, -1)}, '[gelöscht]')`;
	await db
		.update(auditEvent)
		.set({ changes: sql`(${changes})::jsonb` })
		.where(and(eq(auditEvent.entityType, entityType), eq(auditEvent.entityId, entityId)));
}
