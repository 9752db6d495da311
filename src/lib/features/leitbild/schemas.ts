import { z } from 'zod';

const localized = z.object({ de: z.string().min(1), en: z.string().optional() });

/** The Leitbild: Präambel, Handlungsfelder and Leitziele with the fields each goal serves. */
export const leitbildSchema = z.object({
	preamble: z.object({ title: localized, statements: z.array(localized).min(1) }),
	actionFields: z.array(z.object({ number: z.number().int().positive(), title: localized, description: localized })).min(1),
	goals: z
		.array(
			z.object({
				number: z.number().int().positive(),
				shortTitle: localized,
				text: localized,
				actionFields: z.array(z.number().int().positive()).min(1)
			})
		)
		.min(1)
});

export type LeitbildContent = z.infer<typeof leitbildSchema>;
