import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import { log } from '../log.ts';
import * as queries from './queries.ts';

export type { OutgoingMail } from './queries.ts';
export { enqueueMail } from './queries.ts';

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

/**
 * Delivers one outbox mail over SMTP (`smtpUrl`, e.g. smtp://user:pass@host:587). Without an
 * SMTP server the mail stays in the outbox. A failed delivery stays pending with its error.
 */
export async function deliverMail(db: Db, id: number, opts: { smtpUrl?: string; from: string }) {
	if (!opts.smtpUrl) return false;
	const mail = await queries.findMail(db, id);
	if (!mail || mail.status === 'sent') return false;
	let transport = transports.get(opts.smtpUrl);
	if (!transport) {
		transport = nodemailer.createTransport(opts.smtpUrl);
		transports.set(opts.smtpUrl, transport);
	}
	try {
		await transport.sendMail({ from: opts.from, to: mail.recipient, replyTo: mail.replyTo ?? undefined, subject: mail.subject, text: mail.body });
		await queries.markMail(db, id, { ok: true });
		return true;
	} catch (error) {
		log.warn({ mailId: id, err: (error as Error).message }, 'mail delivery failed');
		await queries.markMail(db, id, { ok: false, error: (error as Error).message });
		return false;
	}
}
