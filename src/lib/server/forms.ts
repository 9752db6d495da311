import type { z } from 'zod';
import type { MessageKey } from '#lib/i18n/index.ts';

/**
 * Parses a form with a domain's zod schema. On failure returns the first message key per field
 * (schemas use catalogue keys as messages) and the values as typed, so the form can be shown
 * again with the user's input kept.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, fields: string[]) {
	const values = Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')]));
	// Dotted names ("contact.email") become nested objects for the schema; errors keep the dotted name.
	const parsed = schema.safeParse(nest(values));
	if (parsed.success) return { ok: true as const, data: parsed.data as z.infer<S>, values };
	const errors: Record<string, MessageKey> = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path.length ? issue.path.join('.') : 'form';
		errors[field] ??= issue.message as MessageKey;
	}
	return { ok: false as const, errors, values };
}

function nest(values: Record<string, string>) {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values)) {
		const parts = key.split('.');
		let target = out;
		for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
		target[parts.at(-1)!] = value;
	}
	return out;
}
