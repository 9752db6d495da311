import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** A file sent with a mail (an invitation's .ics): small, stored with the mail, base64. */
export type MailAttachment = { filename: string; contentType: string; content: string };

/**
 * Every mail the platform sends is written here first, in the same transaction as the change
 * that causes it, then delivered over SMTP. Without SMTP_URL mails stay here for admins to read.
 */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: serial('id').primaryKey(),
		recipient: text('recipient').notNull(),
		replyTo: text('reply_to'),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		html: text('html'),
		locale: text('locale').notNull().default('de'),
		/** What the mail is about (e.g. `report:42`), so that personal data can be erased with its cause. */
		topic: text('topic'),
		attachments: jsonb('attachments').$type<MailAttachment[]>(),
		status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true })
	},
	(t) => [index('mail_outbox_status_idx').on(t.status, t.id), index('mail_outbox_topic_idx').on(t.topic)]
);
