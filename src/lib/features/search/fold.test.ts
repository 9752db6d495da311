import { describe, expect, it } from 'vitest';
import { foldGerman } from './fold.ts';

describe('foldGerman', () => {
	it.each([
		['Straßenschäden', 'Strassenschaden'],
		['Großpösna', 'Grosspoesna'],
		['Müllablagerung', 'Muellablagerung'],
		['Café Élysée', 'cafe elysee']
	])('folds %s and %s to the same text', (a, b) => {
		expect(foldGerman(a)).toBe(foldGerman(b));
	});

	it('lower-cases and collapses white space', () => {
		expect(foldGerman('  Naunhof \n Stadt ')).toBe('naunhof stadt');
	});
});
