import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox, type MailAttachment } from './tables.ts';

export type OutgoingMail = { recipient: string; replyTo?: string; subject: string; body: string; html?: string; locale?: string; topic?: string; attachments?: MailAttachment[] };

export async function enqueueMail(db: Db, mail: OutgoingMail) {
	const [row] = await db.insert(mailOutbox).values(mail).returning({ id: mailOutbox.id });
	return row.id;
}

export async function findMail(db: Db, id: number) {
	const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
	return row;
}

export async function markMail(db: Db, id: number, result: { ok: true } | { ok: false; error: string; final: boolean }) {
	await db
		.update(mailOutbox)
		.set(
			result.ok
				? { status: 'sent', sentAt: sql`now()`, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null }
				: { status: result.final ? 'failed' : 'pending', attempts: sql`${mailOutbox.attempts} + 1`, lastError: result.error.slice(0, 500) }
		)
		.where(eq(mailOutbox.id, id));
}

/**
 * Mails still pending without a single delivery attempt, written before `before` (and within the
 * last two days: older ones are for an admin to look at, not to send late).
 */
export async function listUnqueuedMails(db: Db, before: Date) {
	const rows = await db
		.select({ id: mailOutbox.id })
		.from(mailOutbox)
		.where(and(eq(mailOutbox.status, 'pending'), eq(mailOutbox.attempts, 0), lt(mailOutbox.createdAt, before), gt(mailOutbox.createdAt, new Date(before.getTime() - 2 * 86_400_000))))
		.orderBy(mailOutbox.id)
		.limit(1000);
	return rows.map((r) => r.id);
}

/** The outbox for platform admins: newest first, by keyset. */
export async function listMails(db: Db, opts: { beforeId?: number; status?: 'pending' | 'sent' | 'failed'; limit: number }) {
	return db
		.select()
		.from(mailOutbox)
		.where(and(opts.beforeId ? lt(mailOutbox.id, opts.beforeId) : undefined, opts.status ? eq(mailOutbox.status, opts.status) : undefined))
		.orderBy(desc(mailOutbox.id))
		.limit(opts.limit);
}

/**
 * Erasure: the mails about one topic lose their recipient and every occurrence of the given
 * personal strings. A mail still waiting for delivery is marked failed instead of being sent.
 */
export async function redactMails(db: Db, topic: string, secrets: string[]) {
	let body = sql`${mailOutbox.body}`;
	let html = sql`${mailOutbox.html}`;
	let subject = sql`${mailOutbox.subject}`;
	for (const secret of secrets) {
		body = sql`replace(${body}, ${secret}, '[gelöscht]')`;
		html = sql`replace(${html}, ${secret}, '[gelöscht]')`;
		subject = sql`replace(${subject}, ${secret}, '[gelöscht]')`;
	}
	await db
		.update(mailOutbox)
		.set({
			recipient: sql`case when ${inArray(mailOutbox.recipient, secrets)} then '[gelöscht]' else ${mailOutbox.recipient} end`,
			body,
			html,
			subject,
			status: sql`case when ${mailOutbox.status} = 'pending' then 'failed' else ${mailOutbox.status} end`
		})
		.where(eq(mailOutbox.topic, topic));
}
