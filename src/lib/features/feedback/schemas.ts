import { z } from 'zod';

/** One schema for the form action and any JSON use; messages are catalogue keys. */
export const accessibilityFeedbackSchema = z.object({
	message: z.string().trim().min(10, 'accessibility.err.message').max(4000, 'accessibility.err.message'),
	page: z.string().trim().max(500, 'accessibility.err.page').optional().transform((v) => v || undefined),
	email: z
		.union([z.literal(''), z.email('accessibility.err.email').max(254, 'accessibility.err.email')])
		.optional()
		.transform((v) => v || undefined)
});
export type AccessibilityFeedbackInput = z.infer<typeof accessibilityFeedbackSchema>;
