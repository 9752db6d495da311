import { describe, expect, it } from 'vitest';
import { catalogues, translator } from './index.ts';

describe('message catalogues', () => {
	it('every language has exactly the German keys, none empty, with the same placeholders', () => {
		const keys = Object.keys(catalogues.de).sort();
		for (const [locale, messages] of Object.entries(catalogues)) {
			expect(Object.keys(messages).sort(), locale).toEqual(keys);
			for (const key of keys) {
				const text = (messages as Record<string, string>)[key];
				expect(text.trim(), `${locale} ${key}`).not.toBe('');
				const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
				expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders((catalogues.de as Record<string, string>)[key]));
			}
		}
	});

	it('fills placeholders and formats numbers per locale', () => {
		expect(translator('de')('home.facts', { count: 7, inhabitants: 45902, area: '228,6' })).toBe('7 Kommunen · 45.902 Einwohnerinnen und Einwohner · 228,6 km²');
		expect(translator('en')('home.facts', { count: 7, inhabitants: 45902, area: '228.6' })).toBe('7 municipalities · 45,902 inhabitants · 228.6 km²');
	});
});
