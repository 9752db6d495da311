import { z } from 'zod';

export const searchQuerySchema = z.object({
	q: z.string().trim().min(1).max(200),
	seite: z.coerce.number().int().min(1).max(50).catch(1)
});
