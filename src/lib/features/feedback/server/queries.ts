import { lt } from 'drizzle-orm';
import type { Db } from '#lib/server/db/client.ts';
import { enqueueMail, type OutgoingMail } from '#lib/server/mail/index.ts';
import { accessibilityFeedback } from './tables.ts';

export async function insertFeedbackWithMail(
	db: Db,
	row: Omit<typeof accessibilityFeedback.$inferInsert, 'id' | 'createdAt'>,
	mail: ((id: number) => OutgoingMail) | undefined
) {
	return db.transaction(async (tx) => {
		const [inserted] = await tx.insert(accessibilityFeedback).values(row).returning({ id: accessibilityFeedback.id });
		const mailId = mail ? await enqueueMail(tx as unknown as Db, mail(inserted.id)) : undefined;
		return { id: inserted.id, mailId };
	});
}

export async function deleteFeedbackBefore(db: Db, now: Date) {
	const deleted = await db.delete(accessibilityFeedback).where(lt(accessibilityFeedback.deleteAfter, now)).returning({ id: accessibilityFeedback.id });
	return deleted.length;
}
