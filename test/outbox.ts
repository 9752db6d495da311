import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/lib/server/db/client.ts';

export type OutboxMail = { id: number; recipient: string; subject: string; body: string; html: string | null; locale: string };

/** The newest mail to `recipient` in the outbox, as an admin would read it. */
export async function lastMailTo(db: Db, recipient: string) {
	const rows = await queryRows<OutboxMail>(db, sql`select id, recipient, subject, body, html, locale from mail_outbox where lower(recipient) = lower(${recipient}) order by id desc limit 1`);
	return rows[0];
}

export async function countMailsTo(db: Db, recipient: string) {
	const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from mail_outbox where lower(recipient) = lower(${recipient})`);
	return rows[0].n;
}

/** The token at the end of the link to `path` (e.g. '/passwort-neu/') in a mail's text. */
export function tokenIn(mail: { body: string } | undefined, path: string) {
	const match = mail?.body.match(new RegExp(`${path.replace(/[/]/g, '\\/')}([A-Za-z0-9_-]+)`));
	if (!match) throw new Error(`no link to ${path} in mail: ${mail?.body}`);
	return match[1];
}
