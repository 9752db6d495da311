import { z } from 'zod';

const localized = z.object({ de: z.string().min(1), en: z.string().optional() });

/** An extra question of a category, as the region file or the back office states it. */
export const categoryAttributeSchema = z
	.object({
		code: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'Code: Kleinbuchstaben, Ziffern, - und _'),
		datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
		required: z.boolean().default(false),
		variable: z.boolean().default(true),
		description: localized,
		datatypeDescription: localized.optional(),
		values: z.array(z.object({ key: z.string().min(1).max(40), name: localized })).default([])
	})
	.refine((a) => !a.datatype.endsWith('valuelist') || a.values.length > 0, 'Auswahllisten brauchen Werte')
	.refine((a) => a.datatype.endsWith('valuelist') || a.values.length === 0, 'Nur Auswahllisten haben Werte');

/** A category in the region file: just its German name, or everything. */
export const categoryFileSchema = z.union([
	z.string().min(1),
	z.object({
		code: z.string().regex(/^[a-z0-9_-]{1,40}$/).optional(),
		name: localized,
		description: localized.optional(),
		group: z.string().optional(),
		keywords: z.array(z.string()).default([]),
		public: z.boolean().default(true),
		attributes: z.array(categoryAttributeSchema).default([])
	})
]);
export type CategoryFileEntry = z.infer<typeof categoryFileSchema>;
