import { describe, expect, it } from 'vitest';
import { readLeitbildForm } from './form.ts';

function form(entries: Record<string, string | string[]>) {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) f.append(k, one);
	return f;
}
const valid = {
	note: 'Leitziel 2 ergänzt',
	'preamble.title.de': 'Präambel',
	'statements.0.de': 'Wir arbeiten zusammen.',
	'statements.0.en': 'We work together.',
	'statements.1.de': '',
	'fields.0.number': '1',
	'fields.0.title.de': 'Verwaltung',
	'fields.0.description.de': 'Gemeinsame Verwaltung',
	'fields.1.number': '2',
	'fields.1.title.de': '',
	'goals.0.number': '1',
	'goals.0.shortTitle.de': 'Kooperation',
	'goals.0.text.de': 'Wir kooperieren.',
	'goals.0.actionFields': ['1'],
	'goals.1.number': '2',
	'goals.1.shortTitle.de': '',
	'goals.1.text.de': ''
};

describe('Leitbild editor form', () => {
	it('reads entries in order, drops emptied rows and keeps English only where given', () => {
		const result = readLeitbildForm(form(valid));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.content).toEqual({
			preamble: { title: { de: 'Präambel' }, statements: [{ de: 'Wir arbeiten zusammen.', en: 'We work together.' }] },
			actionFields: [{ number: 1, title: { de: 'Verwaltung' }, description: { de: 'Gemeinsame Verwaltung' } }],
			goals: [{ number: 1, shortTitle: { de: 'Kooperation' }, text: { de: 'Wir kooperieren.' }, actionFields: [1] }]
		});
	});

	it('names each problem at its field and keeps the draft', () => {
		const result = readLeitbildForm(
			form({ ...valid, note: '', 'goals.1.text.de': 'Neues Ziel', 'goals.1.number': '1', 'goals.1.actionFields': ['7'], 'fields.0.description.de': '' })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['fields.0.description.de', 'goals.0.number', 'goals.1.actionFields', 'goals.1.number', 'goals.1.shortTitle.de', 'note']);
		expect(result.draft.goals.map((g) => g.text.de)).toEqual(['Wir kooperieren.', 'Neues Ziel']);
	});
});
