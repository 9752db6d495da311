import nodemailer from 'nodemailer';
import { config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { enqueueJob, type JobDefinition } from '../jobs/index.ts';
import { log } from '../log.ts';
import * as queries from './queries.ts';

export type { OutgoingMail } from './queries.ts';
export { enqueueMail, listMails, findMail, redactMails } from './queries.ts';

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

export class MailDeliveryError extends Error {}

/**
 * Delivers one outbox mail over SMTP (`smtpUrl`, e.g. smtp://user:pass@host:587). Without an
 * SMTP server the mail stays in the outbox for admins to read. A failed delivery throws, so
 * that the job is retried; after the last attempt the mail is marked failed.
 */
export async function deliverMail(db: Db, id: number, opts: { smtpUrl?: string; from: string; lastAttempt?: boolean }) {
	if (!opts.smtpUrl) return false;
	const mail = await queries.findMail(db, id);
	if (!mail || mail.status === 'sent') return false;
	let transport = transports.get(opts.smtpUrl);
	if (!transport) {
		transport = nodemailer.createTransport(opts.smtpUrl);
		transports.set(opts.smtpUrl, transport);
	}
	try {
		await transport.sendMail({
			from: opts.from,
			to: mail.recipient,
			replyTo: mail.replyTo ?? undefined,
			subject: mail.subject,
			text: mail.body,
			html: mail.html ?? undefined,
			attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') }))
		});
	} catch (error) {
		log.warn({ mailId: id, err: (error as Error).message }, 'mail delivery failed');
		await queries.markMail(db, id, { ok: false, error: (error as Error).message, final: opts.lastAttempt ?? false });
		throw new MailDeliveryError(`Zustellung fehlgeschlagen: ${(error as Error).message}`, { cause: error });
	}
	await queries.markMail(db, id, { ok: true });
	return true;
}

export const mailJob: JobDefinition<{ id: number }> = {
	queue: 'mail-deliver',
	retryLimit: 6,
	retryDelay: 30,
	async run(db, data, attempt) {
		const cfg = config();
		await deliverMail(db, data.id, { smtpUrl: cfg.SMTP_URL, from: cfg.MAIL_FROM, lastAttempt: attempt.retryCount >= attempt.retryLimit });
	}
};

/**
 * After the transaction that wrote them has committed: hand the mails to the job queue. What was
 * written stays written, so a queue that cannot be reached (the database just went away) does not
 * fail the request: the mails wait in the outbox, and the sweep below hands them over later.
 */
export async function dispatchMails(ids: (number | undefined)[]) {
	for (const id of ids) {
		if (id === undefined) continue;
		try {
			await enqueueJob(mailJob.queue, { id });
		} catch (error) {
			log.warn({ mailId: id, err: (error as Error).message }, 'mail not queued; the outbox sweep will');
		}
	}
}

/** Mails written but never handed to the queue (see dispatchMails): queued again every ten minutes. */
export const mailSweepJob: JobDefinition = {
	queue: 'mail-sweep',
	schedule: '*/10 * * * *',
	async run(db) {
		if (!config().SMTP_URL) return; // without SMTP, mails stay in the outbox by design
		const ids = await queries.listUnqueuedMails(db, new Date(Date.now() - 10 * 60_000));
		for (const id of ids) await enqueueJob(mailJob.queue, { id });
		if (ids.length) log.info({ mails: ids.length }, 'outbox sweep queued mails');
	}
};
