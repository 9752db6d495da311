import type { LeitbildContent } from './schemas.ts';

/**
 * The Leitbild editor is a plain HTML form (works without JavaScript): every statement, action
 * field and goal has its own inputs, named like "goals.3.text.de", plus one empty row to add
 * one. An entry whose German text is emptied is removed. The form is read back into the
 * Leitbild's shape with German messages per field; the domain then validates it once more.
 */
export type LeitbildDraft = LeitbildContent;
export type LeitbildFormResult = { ok: true; content: LeitbildContent; note: string } | { ok: false; draft: LeitbildDraft; note: string; errors: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const indexes = (form: FormData, prefix: string) =>
	[...new Set([...form.keys()].map((k) => k.match(new RegExp(`^${prefix}\\.(\\d+)\\.`))?.[1]).filter((v): v is string => v !== undefined))]
		.map(Number)
		.sort((a, b) => a - b);
const localized = (form: FormData, name: string) => {
	const en = text(form, `${name}.en`);
	return en ? { de: text(form, `${name}.de`), en } : { de: text(form, `${name}.de`) };
};

export function readLeitbildForm(form: FormData): LeitbildFormResult {
	const errors: Record<string, string> = {};
	const note = text(form, 'note').slice(0, 500);
	const number = (name: string) => {
		const raw = text(form, name);
		const n = Number(raw);
		if (!/^\d+$/.test(raw) || n < 1 || n > 999) errors[name] = 'Bitte eine Nummer von 1 bis 999.';
		return n;
	};

	const statements = indexes(form, 'statements')
		.map((i) => localized(form, `statements.${i}`))
		.filter((s) => s.de);
	const actionFields = indexes(form, 'fields')
		.filter((i) => text(form, `fields.${i}.title.de`))
		.map((i) => ({ number: number(`fields.${i}.number`), title: localized(form, `fields.${i}.title`), description: localized(form, `fields.${i}.description`), i }));
	const goals = indexes(form, 'goals')
		.filter((i) => text(form, `goals.${i}.text.de`))
		.map((i) => ({
			number: number(`goals.${i}.number`),
			shortTitle: localized(form, `goals.${i}.shortTitle`),
			text: localized(form, `goals.${i}.text`),
			actionFields: form.getAll(`goals.${i}.actionFields`).map(Number).filter((n) => Number.isInteger(n) && n > 0),
			i
		}));

	const content = {
		preamble: { title: localized(form, 'preamble.title'), statements },
		actionFields: actionFields.map(({ i: _i, ...f }) => f),
		goals: goals.map(({ i: _i, ...g }) => g)
	};

	if (!note) errors.note = 'Bitte beschreiben Sie die Änderung in einem Satz.';
	if (!content.preamble.title.de) errors['preamble.title.de'] = 'Die Präambel braucht eine Überschrift.';
	if (!statements.length) errors['statements.0.de'] = 'Die Präambel braucht mindestens einen Grundsatz.';
	if (!actionFields.length) errors['fields.0.title.de'] = 'Es muss mindestens ein Handlungsfeld geben.';
	if (!goals.length) errors['goals.0.text.de'] = 'Es muss mindestens ein Leitziel geben.';
	const fieldNumbers = new Set(actionFields.map((f) => f.number));
	for (const f of actionFields) {
		if (!f.description.de) errors[`fields.${f.i}.description.de`] = `Handlungsfeld ${f.number}: Bitte beschreiben Sie das Handlungsfeld.`;
		if (actionFields.filter((o) => o.number === f.number).length > 1) errors[`fields.${f.i}.number`] = `Die Nummer ${f.number} ist mehrfach vergeben.`;
	}
	for (const g of goals) {
		if (!g.shortTitle.de) errors[`goals.${g.i}.shortTitle.de`] = `Leitziel ${g.number}: Bitte geben Sie einen Kurztitel an.`;
		if (goals.filter((o) => o.number === g.number).length > 1) errors[`goals.${g.i}.number`] = `Die Nummer ${g.number} ist mehrfach vergeben.`;
		if (!g.actionFields.length || g.actionFields.some((n) => !fieldNumbers.has(n)))
			errors[`goals.${g.i}.actionFields`] = `Leitziel ${g.number}: Bitte wählen Sie mindestens ein bestehendes Handlungsfeld.`;
	}
	for (const [key, value] of form.entries()) if (typeof value === 'string' && value.length > 4000) errors[key] = 'Bitte höchstens 4.000 Zeichen.';

	return Object.keys(errors).length ? { ok: false, draft: content, note, errors } : { ok: true, content, note };
}
