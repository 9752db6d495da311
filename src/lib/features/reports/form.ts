import { reportFormFields } from './schemas.ts';

/**
 * The report form's fields as the schema wants them: text fields by name, extra questions from
 * `attribute[code]` (one answer) and `attribute[code][]` (several), the Open311 spelling that the
 * form shares with the API. `values` keeps what was typed for showing the form again.
 */
export function readReportForm(form: FormData) {
	const raw: Record<string, unknown> = {};
	const values: Record<string, string> = {};
	for (const field of reportFormFields) {
		const value = form.get(field);
		if (typeof value === 'string') {
			raw[field] = value;
			values[field] = value;
		}
	}
	const attributes: Record<string, string | string[]> = {};
	for (const [name, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		const match = /^attribute\[([a-z0-9_-]{1,40})\](\[\])?$/.exec(name);
		if (!match) continue;
		const [, code, many] = match;
		if (many) attributes[code] = [...((attributes[code] as string[] | undefined) ?? []), value];
		else attributes[code] = value;
	}
	raw.attributes = attributes;
	for (const [code, value] of Object.entries(attributes)) values[`attribute.${code}`] = Array.isArray(value) ? value.join('\n') : value;
	return { raw, values };
}
