import type { MessageKey } from '#lib/i18n/index.ts';
import { measureFormFields, measureFormSchema, measureListFields } from './schemas.ts';

/**
 * Reads the measure form: the single fields as text, the repeated ones (participants,
 * action fields, goals) as lists, so a refused form comes back with every tick kept.
 */
export function readMeasureForm(data: FormData) {
	const lists = Object.fromEntries(measureListFields.map((f) => [f, data.getAll(f).map(String).slice(0, 100)]));
	const values = Object.fromEntries(measureFormFields.map((f) => [f, String(data.get(f) ?? '')]));
	const parsed = measureFormSchema.safeParse({ ...values, ...lists });
	if (parsed.success) return { ok: true as const, data: parsed.data, values, lists };
	const errors: Record<string, MessageKey> = {};
	for (const issue of parsed.error.issues) errors[issue.path.length ? String(issue.path[0]) : 'form'] ??= issue.message as MessageKey;
	return { ok: false as const, errors, values, lists };
}
