import type { Db } from '#lib/server/db/client.ts';
import type { Locale } from '#lib/i18n/localized.ts';
import { findRegion } from '../../region/server/queries.ts';
import type { AccessibilityFeedbackInput } from '../schemas.ts';
import * as queries from './queries.ts';

export const FEEDBACK_RETENTION_DAYS = 365;

/**
 * Stores a barrier report and queues a mail to the coordination office, in one transaction.
 * Returns the outbox id of the mail so the caller can deliver it after commit.
 */
export async function submitAccessibilityFeedback(db: Db, input: AccessibilityFeedbackInput & { locale: Locale }) {
	const recipient = (await findRegion(db))?.coordinationOffice.email;
	return queries.insertFeedbackWithMail(
		db,
		{
			message: input.message,
			page: input.page ?? null,
			email: input.email ?? null,
			locale: input.locale,
			deleteAfter: new Date(Date.now() + FEEDBACK_RETENTION_DAYS * 86_400_000)
		},
		recipient
			? (id) => ({
					recipient,
					replyTo: input.email,
					subject: `Barriere gemeldet (Rückmeldung ${id})`,
					body: [
						'Über die Erklärung zur Barrierefreiheit ist eine Rückmeldung eingegangen.',
						'',
						`Seite: ${input.page ?? '(nicht angegeben)'}`,
						`Antwort erbeten an: ${input.email ?? '(keine Adresse angegeben)'}`,
						'',
						input.message
					].join('\n')
				})
			: undefined
	);
}

/** Deletes feedback past its retention date (personal data is kept only as long as needed). */
export function purgeExpiredFeedback(db: Db, now = new Date()) {
	return queries.deleteFeedbackBefore(db, now);
}
