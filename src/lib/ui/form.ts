import type { MessageKey } from '#lib/i18n/index.ts';

/** What a form action returned: errors per field (catalogue keys) and the values as typed. */
export function formErrors(form: unknown): Record<string, MessageKey> {
	return (form && typeof form === 'object' && 'errors' in form ? form.errors : {}) as Record<string, MessageKey>;
}
export function formValues(form: unknown): Record<string, string> {
	return (form && typeof form === 'object' && 'values' in form ? form.values : {}) as Record<string, string>;
}
/** Whether the last submission was the named action (pages with several forms). */
export function formIs(form: unknown, action: string) {
	return Boolean(form && typeof form === 'object' && 'action' in form && form.action === action);
}
