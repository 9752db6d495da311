import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Protokoll: every write by staff or admins. The actor's name and role are copied in so the
 * entry stays readable after an account is deleted. Never holds passwords or tokens.
 */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id'),
		actorName: text('actor_name').notNull(),
		actorRole: text('actor_role').notNull(),
		municipalityAgs: text('municipality_ags'),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		changes: jsonb('changes').$type<AuditChanges>().notNull()
	},
	(t) => [
		index('audit_event_at_idx').on(t.at, t.id),
		index('audit_event_municipality_idx').on(t.municipalityAgs, t.id),
		index('audit_event_actor_idx').on(t.actorId, t.id),
		index('audit_event_entity_idx').on(t.entityType, t.entityId)
	]
);

/** Before/after of the fields that changed. */
export type AuditChanges = { before?: Record<string, unknown>; after?: Record<string, unknown> };
