import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { account, accountToken, roleGrant, session } from './tables.ts';

export type AccountRow = typeof account.$inferSelect;
export type TokenPurpose = (typeof accountToken.$inferSelect)['purpose'];

export async function findAccountByEmail(db: Db, email: string) {
	const [row] = await db.select().from(account).where(sql`lower(${account.email}) = lower(${email})`);
	return row;
}

export async function findAccount(db: Db, id: string) {
	const [row] = await db.select().from(account).where(eq(account.id, id));
	return row;
}

export async function findAccountByOidcSubject(db: Db, subject: string) {
	const [row] = await db.select().from(account).where(eq(account.oidcSubject, subject));
	return row;
}

export async function insertAccount(db: Db, values: typeof account.$inferInsert) {
	const [row] = await db.insert(account).values(values).returning();
	return row;
}

export async function updateAccount(db: Db, id: string, values: Partial<typeof account.$inferInsert>) {
	const [row] = await db
		.update(account)
		.set({ ...values, updatedAt: sql`now()` })
		.where(eq(account.id, id))
		.returning();
	return row;
}

export async function deleteAccount(db: Db, id: string) {
	await db.delete(account).where(eq(account.id, id));
}

export async function deleteDemoAccounts(db: Db) {
	const rows = await db.delete(account).where(eq(account.demo, true)).returning({ id: account.id });
	return rows.length;
}

// Sessions

export async function insertSession(db: Db, values: typeof session.$inferInsert) {
	await db.insert(session).values(values);
}

/** The session with its account, when it has not expired. */
export async function findLiveSession(db: Db, id: string, now: Date) {
	const [row] = await db
		.select({ session, account })
		.from(session)
		.innerJoin(account, eq(account.id, session.accountId))
		.where(and(eq(session.id, id), gt(session.expiresAt, now)));
	return row;
}

export async function touchSession(db: Db, id: string, expiresAt: Date) {
	await db.update(session).set({ lastSeenAt: sql`now()`, expiresAt }).where(eq(session.id, id));
}

export async function deleteSession(db: Db, id: string) {
	await db.delete(session).where(eq(session.id, id));
}

export async function deleteSessionsOf(db: Db, accountId: string) {
	await db.delete(session).where(eq(session.accountId, accountId));
}

export async function listSessionsOf(db: Db, accountId: string) {
	return db
		.select({ createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt })
		.from(session)
		.where(eq(session.accountId, accountId))
		.orderBy(asc(session.createdAt));
}

export async function deleteExpiredSessions(db: Db, now: Date) {
	const rows = await db.delete(session).where(lt(session.expiresAt, now)).returning({ id: session.id });
	return rows.length;
}

// Grants

export async function grantsOf(db: Db, accountIds: string[]) {
	if (!accountIds.length) return [];
	return db.select().from(roleGrant).where(inArray(roleGrant.accountId, accountIds)).orderBy(asc(roleGrant.id));
}

export async function findGrant(db: Db, id: number) {
	const [row] = await db.select().from(roleGrant).where(eq(roleGrant.id, id));
	return row;
}

/** Inserts a grant unless the account already holds it; returns the new row or undefined. */
export async function insertGrant(db: Db, values: typeof roleGrant.$inferInsert) {
	const [row] = await db.insert(roleGrant).values(values).onConflictDoNothing().returning();
	return row;
}

export async function deleteGrant(db: Db, id: number) {
	await db.delete(roleGrant).where(eq(roleGrant.id, id));
}

/**
 * Accounts holding at least one grant in one of the municipalities (or, with `region`, any grant
 * at all), with their names and addresses: the back office's list of people.
 */
export async function listAccountsWithGrants(db: Db, scope: { municipalities: string[]; region: boolean }) {
	const inScope = scope.region
		? sql`true`
		: scope.municipalities.length
			? inArray(roleGrant.municipalityAgs, scope.municipalities)
			: sql`false`;
	const ids = db.selectDistinct({ id: roleGrant.accountId }).from(roleGrant).where(inScope);
	return db
		.select({ id: account.id, email: account.email, displayName: account.displayName, emailVerifiedAt: account.emailVerifiedAt, createdAt: account.createdAt })
		.from(account)
		.where(inArray(account.id, ids))
		.orderBy(asc(sql`lower(${account.displayName})`))
		.limit(500);
}

// One-time tokens

export async function insertToken(db: Db, values: typeof accountToken.$inferInsert) {
	await db.insert(accountToken).values(values);
}

/** Marks a live token used and returns it; a second use or an expired token returns undefined. */
export async function consumeToken(db: Db, id: string, purpose: TokenPurpose, now: Date) {
	const [row] = await db
		.update(accountToken)
		.set({ usedAt: now })
		.where(and(eq(accountToken.id, id), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt), gt(accountToken.expiresAt, now)))
		.returning();
	return row;
}

export async function findLiveToken(db: Db, id: string, purpose: TokenPurpose, now: Date) {
	const [row] = await db
		.select()
		.from(accountToken)
		.where(and(eq(accountToken.id, id), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt), gt(accountToken.expiresAt, now)));
	return row;
}

/** Earlier links of the same kind stop working when a new one is sent. */
export async function expireTokens(db: Db, accountId: string, purpose: TokenPurpose, now: Date) {
	await db
		.update(accountToken)
		.set({ usedAt: now })
		.where(and(eq(accountToken.accountId, accountId), eq(accountToken.purpose, purpose), isNull(accountToken.usedAt)));
}

export async function deleteStaleTokens(db: Db, now: Date) {
	const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
	const rows = await db
		.delete(accountToken)
		.where(or(lt(accountToken.expiresAt, weekAgo), lt(accountToken.usedAt, weekAgo)))
		.returning({ id: accountToken.id });
	return rows.length;
}

export async function listOpenInvitations(db: Db, municipalities: string[] | 'all', now: Date) {
	const rows = await db
		.select()
		.from(accountToken)
		.where(and(eq(accountToken.purpose, 'invitation'), isNull(accountToken.usedAt), gt(accountToken.expiresAt, now)))
		.orderBy(asc(accountToken.createdAt))
		.limit(200);
	return municipalities === 'all' ? rows : rows.filter((r) => r.payload.municipality && municipalities.includes(r.payload.municipality));
}

export async function countGrantsOfRole(db: Db, role: string) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(roleGrant).where(eq(roleGrant.role, role));
	return row.n;
}

/** People who work for a municipality (any of its staff roles): colleagues to assign work to. */
/** The verified addresses of those holding one of `roles` in a municipality (for notices to its editors). */
export async function addressesOfRole(db: Db, ags: string, roles: string[]) {
	const ids = db.selectDistinct({ id: roleGrant.accountId }).from(roleGrant).where(and(eq(roleGrant.municipalityAgs, ags), inArray(roleGrant.role, roles)));
	const rows = await db
		.select({ email: account.email })
		.from(account)
		.where(and(inArray(account.id, ids), sql`${account.emailVerifiedAt} is not null`));
	return rows.map((r) => r.email);
}

export async function listStaffOf(db: Db, ags: string) {
	const ids = db
		.selectDistinct({ id: roleGrant.accountId })
		.from(roleGrant)
		.where(and(eq(roleGrant.municipalityAgs, ags), inArray(roleGrant.role, ['staff', 'editor', 'municipality_admin'])));
	return db
		.select({ id: account.id, displayName: account.displayName })
		.from(account)
		.where(inArray(account.id, ids))
		.orderBy(asc(sql`lower(${account.displayName})`));
}
