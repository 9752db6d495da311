import { describeRole, ForbiddenError, type Actor } from '#lib/server/actor.ts';
import type { Db } from '#lib/server/db/client.ts';
import { auditPolicy } from './policy.ts';
import * as queries from './queries.ts';
import type { AuditChanges } from './tables.ts';

const secret = /password|token|secret|hash/i;

/** Nested objects become dotted keys ("contact.phone"), so a change names exactly the field that changed. */
function flatten(value: Record<string, unknown> | null | undefined, prefix = '', out: Record<string, unknown> = {}) {
	for (const [key, v] of Object.entries(value ?? {})) {
		if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) flatten(v as Record<string, unknown>, `${prefix}${key}.`, out);
		else out[`${prefix}${key}`] = v;
	}
	return out;
}

/** Only the fields that differ, with secrets replaced: the log never holds passwords or tokens. */
export function auditDiff(rawBefore: Record<string, unknown> | null | undefined, rawAfter: Record<string, unknown> | null | undefined): AuditChanges {
	const before = rawBefore ? flatten(rawBefore) : rawBefore;
	const after = rawAfter ? flatten(rawAfter) : rawAfter;
	const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
	const changes: AuditChanges = {};
	for (const key of keys) {
		const b = before?.[key];
		const a = after?.[key];
		if (JSON.stringify(b) === JSON.stringify(a)) continue;
		if (before) (changes.before ??= {})[key] = secret.test(key) ? '[entfernt]' : (b ?? null);
		if (after) (changes.after ??= {})[key] = secret.test(key) ? '[entfernt]' : (a ?? null);
	}
	return changes;
}

export type AuditEntry = {
	action: string;
	entityType: string;
	entityId: string | number;
	municipality?: string | null;
	before?: Record<string, unknown> | null;
	after?: Record<string, unknown> | null;
};

/** Records one write. Call it inside the transaction of the write so both land or neither does. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry) {
	await queries.insertAuditEvent(db, {
		actorId: actor.id ?? null,
		actorName: actor.name,
		actorRole: describeRole(actor, entry.municipality),
		municipalityAgs: entry.municipality ?? null,
		action: entry.action,
		entityType: entry.entityType,
		entityId: String(entry.entityId),
		changes: auditDiff(entry.before, entry.after)
	});
}

export async function listAuditLog(db: Db, actor: Actor, filter: Omit<queries.AuditFilter, 'municipalities'>) {
	if (!auditPolicy.read(actor)) throw new ForbiddenError();
	return queries.listAuditEvents(db, { ...filter, municipalities: auditPolicy.readableMunicipalities(actor) });
}

export const listAuditActions = queries.listAuditActions;
export const auditEventsBy = queries.auditEventsBy;
export const redactEntityChanges = queries.redactEntityChanges;
