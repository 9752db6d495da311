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

/**
 * For pages with several forms: what the last submission returned, asked per action (and, for
 * forms repeated per item, per `target`). Without a target any submission of the action counts.
 */
export function actionResult(form: unknown) {
	const is = (action: string, target?: string) => formIs(form, action) && (target === undefined || (form as { target?: string }).target === target);
	return {
		is,
		errors: (action: string, target?: string) => (is(action, target) ? formErrors(form) : {}),
		values: (action: string, target?: string) => (is(action, target) ? formValues(form) : {}),
		/** A refusal worded by the server (German back office), for forms without per-field errors. */
		message: (action: string, target?: string) => (is(action, target) && form && typeof form === 'object' && 'message' in form ? String(form.message) : ''),
		saved: (action: string, target?: string) => is(action, target) && Boolean(form && typeof form === 'object' && 'saved' in form && form.saved)
	};
}
