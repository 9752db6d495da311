import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { startSmtpServer, type ReceivedMail } from '../../../../../test/smtp.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { deliverMail, MailDeliveryError } from '#lib/server/mail/index.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import { accessibilityFeedbackSchema } from '../schemas.ts';
import { purgeExpiredFeedback, submitAccessibilityFeedback } from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let smtpUrl: string;
let received: ReceivedMail[];

beforeAll(async () => {
	database = await openTestDatabase();
	smtp = await startSmtpServer();
	smtpUrl = smtp.url;
	received = smtp.received;
});
afterAll(async () => {
	await smtp?.close();
	await database?.drop();
});

describe('accessibility feedback', () => {
	it('validates input with clear message keys', () => {
		const bad = accessibilityFeedbackSchema.safeParse({ message: 'kurz', email: 'nope', page: 'x'.repeat(501) });
		expect(bad.success).toBe(false);
		expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
			message: 'accessibility.err.message',
			email: 'accessibility.err.email',
			page: 'accessibility.err.page'
		});
		expect(accessibilityFeedbackSchema.parse({ message: '  Eine ausreichend lange Nachricht.  ', email: '', page: '' })).toEqual({
			message: 'Eine ausreichend lange Nachricht.',
			email: undefined,
			page: undefined
		});
	});

	it('stores the report and mails it to the coordination office over SMTP', async () => {
		const { id, mailId } = await submitAccessibilityFeedback(database.db, {
			message: 'Die Karte lässt sich nicht mit der Tastatur verschieben.',
			page: '/kommunen',
			email: 'erika@example.org',
			locale: 'de'
		});
		expect(id).toBeGreaterThan(0);
		expect(await deliverMail(database.db, mailId!, { smtpUrl, from: 'Partheland <noreply@partheland.example>' })).toBe(true);
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['koordination@partheland.example']);
		expect(received[0].data).toContain('Reply-To: erika@example.org');
		expect(received[0].data).toContain('mit der Tastatur');
		const [mail] = await queryRows<{ status: string }>(database.db, sql`select status from mail_outbox where id = ${mailId}`);
		expect(mail.status).toBe('sent');
	});

	it('keeps the mail pending when SMTP is not reachable (so the job retries) and marks it failed after the last attempt', async () => {
		const { mailId } = await submitAccessibilityFeedback(database.db, { message: 'Zweite Meldung zur Prüfung.', page: undefined, email: undefined, locale: 'en' });
		await expect(deliverMail(database.db, mailId!, { smtpUrl: 'smtp://127.0.0.1:1', from: 'x@example.org' })).rejects.toBeInstanceOf(MailDeliveryError);
		expect(await deliverMail(database.db, mailId!, { smtpUrl: undefined, from: 'x@example.org' })).toBe(false);
		const status = async () =>
			(await queryRows<{ status: string; attempts: number; last_error: string }>(database.db, sql`select status, attempts, last_error from mail_outbox where id = ${mailId}`))[0];
		expect(await status()).toMatchObject({ status: 'pending', attempts: 1 });
		expect((await status()).last_error).toBeTruthy();
		await expect(deliverMail(database.db, mailId!, { smtpUrl: 'smtp://127.0.0.1:1', from: 'x@example.org', lastAttempt: true })).rejects.toThrow();
		expect(await status()).toMatchObject({ status: 'failed', attempts: 2 });
	});

	it('deletes reports, with their e-mail addresses, after the retention period', async () => {
		const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from accessibility_feedback`))[0].n;
		const before = await count();
		expect(await purgeExpiredFeedback(database.db, new Date())).toBe(0);
		expect(await purgeExpiredFeedback(database.db, new Date(Date.now() + 400 * 86_400_000))).toBe(before);
		expect(await count()).toBe(0);
	});
});

describe('rate limits', () => {
	it('allows up to the limit per window, shared through the database, and never stores the key', async () => {
		const now = Date.UTC(2026, 10, 25, 10, 0, 0);
		const results = [];
		for (let i = 0; i < 4; i++) results.push((await consumeRateLimit(database.db, 'feedback:203.0.113.7', 3, 3600, now)).allowed);
		expect(results).toEqual([true, true, true, false]);
		expect((await consumeRateLimit(database.db, 'feedback:203.0.113.7', 3, 3600, now + 3_600_000)).allowed).toBe(true);
		expect((await consumeRateLimit(database.db, 'feedback:198.51.100.1', 3, 3600, now)).allowed).toBe(true);
		const keys = await queryRows<{ key: string }>(database.db, sql`select key from rate_limit`);
		expect(keys.some((k) => k.key.includes('203.0.113.7'))).toBe(false);
	});
});
