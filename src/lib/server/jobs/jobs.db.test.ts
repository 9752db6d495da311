import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../test/db.ts';
import { startSmtpServer } from '../../../../test/smtp.ts';
import { queryRows } from '../db/client.ts';
import { dispatchMails, enqueueMail, mailJob, mailSweepJob } from '../mail/index.ts';
import { composeMail } from '../mail/compose.ts';
import { enqueueJob, jobQueries, startJobs, stopJobs, type JobDefinition } from './index.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let failures = 0;

/** A job that always fails: pg-boss must retry it and show it as troubled. */
const failingJob: JobDefinition = {
	queue: 'test-always-fails',
	retryLimit: 3,
	retryDelay: 60,
	async run() {
		failures++;
		throw new Error('Gegenstelle nicht erreichbar');
	}
};

beforeAll(async () => {
	smtp = await startSmtpServer();
	process.env.SMTP_URL = smtp.url; // read by the mail job through the configuration
	database = await openTestDatabase();
	await startJobs(database, [mailJob, failingJob] as JobDefinition<never>[]);
});
afterAll(async () => {
	await stopJobs();
	await smtp?.close();
	await database?.drop();
});

async function until<T>(probe: () => Promise<T | undefined | false>, ms = 30_000) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 250));
	}
}

describe('background jobs (pg-boss in the same database)', () => {
	it('delivers a queued mail over SMTP, as plain text and HTML, and marks it sent', async () => {
		const id = await enqueueMail(database.db, composeMail('anna@example.org', 'de', { subject: 'Hallo', paragraphs: ['Erster <Absatz>'], action: { label: 'Öffnen', url: 'https://partheland.example/x' } }));
		await dispatchMails([id]);
		const mail = await until(async () => smtp.received.find((m) => m.to.includes('anna@example.org')));
		expect(mail.data).toContain('Content-Type: text/plain');
		expect(mail.data).toContain('Content-Type: text/html');
		expect(mail.data).toContain('<p>Erster &#60;Absatz&#62;</p>'); // escaped in the HTML part
		const status = await until(async () => {
			const [row] = await queryRows<{ status: string }>(database.db, sql`select status from mail_outbox where id = ${id}`);
			return row.status === 'sent' && row;
		});
		expect(status.status).toBe('sent');
	});

	it('delivers, through the outbox sweep, a mail whose hand-over to the queue was lost', async () => {
		// written with its report, but the queue was not reached (the database went away after the commit)
		const lost = await enqueueMail(database.db, composeMail('bert@example.org', 'de', { subject: 'Verloren', paragraphs: ['Nie übergeben'] }));
		const fresh = await enqueueMail(database.db, composeMail('carl@example.org', 'de', { subject: 'Frisch', paragraphs: ['Gerade geschrieben'] }));
		await database.db.execute(sql`update mail_outbox set created_at = now() - interval '15 minutes' where id = ${lost}`);
		await mailSweepJob.run(database.db, {}, { retryCount: 0, retryLimit: 0 });
		await until(async () => smtp.received.find((m) => m.to.includes('bert@example.org')));
		const rows = await queryRows<{ id: number; status: string }>(database.db, sql`select id, status from mail_outbox where id in (${lost}, ${fresh}) order by id`);
		// the fresh one may still be on its way through dispatchMails: the sweep leaves it alone
		expect(rows).toEqual([{ id: lost, status: 'sent' }, { id: fresh, status: 'pending' }]);
	});

	it('retries a failing job with backoff and shows it to the platform admin', async () => {
		expect(await enqueueJob('test-always-fails', {})).toBe(true);
		const troubled = await until(async () => {
			const jobs = await jobQueries.listTroubledJobs(database.db);
			return jobs.find((j) => j.name === 'test-always-fails');
		});
		expect(troubled).toMatchObject({ state: 'retry', retryLimit: 3 });
		expect(failures).toBe(1);
	});
});
