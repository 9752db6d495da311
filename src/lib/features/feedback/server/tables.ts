import { index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Feedback on accessibility barriers (BITV 2.0 § 7 feedback mechanism). `email` is personal. */
export const accessibilityFeedback = pgTable(
	'accessibility_feedback',
	{
		id: serial('id').primaryKey(),
		message: text('message').notNull(),
		page: text('page'),
		email: text('email'),
		locale: text('locale').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		deleteAfter: timestamp('delete_after', { withTimezone: true }).notNull()
	},
	(t) => [index('accessibility_feedback_delete_idx').on(t.deleteAfter)]
);

/** Fields that identify a person; never leave through a public presenter or open data. */
export const accessibilityFeedbackPersonalFields = ['email'] as const;
