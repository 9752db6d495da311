import type { z } from 'zod';
import type { MessageKey } from '#lib/i18n/index.ts';

/**
 * Parses a form with a domain's zod schema. On failure returns the first message key per field
 * (schemas use catalogue keys as messages) and the values as typed, so the form can be shown
 * again with the user's input kept.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, fields: string[]) {
	const values = Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')]));
	const parsed = schema.safeParse(values);
	if (parsed.success) return { ok: true as const, data: parsed.data as z.infer<S>, values };
	const errors: Record<string, MessageKey> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message as MessageKey;
	}
	return { ok: false as const, errors, values };
}
