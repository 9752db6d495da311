import { describe, expect, it } from 'vitest';
import { LISTED_MUNICIPALITIES, municipalityChoice } from './choice.ts';

const member = (i: number, name = `Gemeinde ${i}`) => ({ slug: `gemeinde-${i}`, ags: String(14729000 + i), name });

describe('choosing a member in a filter', () => {
	it('offers a list to a cooperation and a text field to a national installation', () => {
		const list = [member(1, 'Naunhof'), member(2, 'Großpösna'), member(3, 'Borsdorf')];
		const few = municipalityChoice(list, list[2]);
		expect(few.options).toEqual(list.map((m) => ({ slug: m.slug, name: m.name })));
		expect(few.chosen).toEqual({ slug: 'gemeinde-3', name: 'Borsdorf' });
		const many = Array.from({ length: LISTED_MUNICIPALITIES + 1 }, (_, i) => member(i));
		expect(municipalityChoice(many, many[50], 'gemeinde-50')).toEqual({ options: null, chosen: { slug: 'gemeinde-50', name: 'Gemeinde 50' }, unknown: null });
		expect(municipalityChoice(many.slice(0, LISTED_MUNICIPALITIES), undefined).options).toHaveLength(LISTED_MUNICIPALITIES);
	});

	it('gives back what names no member, to be corrected rather than dropped', () => {
		const many = Array.from({ length: LISTED_MUNICIPALITIES + 1 }, (_, i) => member(i));
		expect(municipalityChoice(many, undefined, ' Gibtsnicht ')).toMatchObject({ chosen: null, unknown: 'Gibtsnicht' });
		expect(municipalityChoice(many, undefined, 'x'.repeat(500)).unknown).toHaveLength(100);
		expect(municipalityChoice(many, undefined, '').unknown).toBeNull();
		expect(municipalityChoice(many, undefined, null).unknown).toBeNull();
	});
});
