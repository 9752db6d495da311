import { describe, expect, it } from 'vitest';
import { LISTED_MUNICIPALITIES, matchMunicipality, municipalityChoice } from './choice.ts';

const member = (i: number, name = `Gemeinde ${i}`) => ({ slug: `gemeinde-${i}`, ags: String(14729000 + i), name });

describe('choosing a member in a filter', () => {
	const list = [member(1, 'Naunhof'), member(2, 'Großpösna'), member(3, 'Borsdorf'), member(4, 'Naunhof')];

	it('finds a member by slug, AGS or name in any case, the first of equal names', () => {
		expect(matchMunicipality(list, 'gemeinde-3')?.name).toBe('Borsdorf');
		expect(matchMunicipality(list, '14729002')?.name).toBe('Großpösna');
		expect(matchMunicipality(list, '  GROSSPÖSNA ')).toBeUndefined(); // a name, not a spelling variant
		expect(matchMunicipality(list, 'großpösna')?.slug).toBe('gemeinde-2');
		expect(matchMunicipality(list, 'naunhof')?.slug).toBe('gemeinde-1');
		expect(matchMunicipality(list, '')).toBeUndefined();
		expect(matchMunicipality(list, null)).toBeUndefined();
		expect(matchMunicipality(list, 'Leipzig')).toBeUndefined();
	});

	it('offers a list to a cooperation and a text field to a national installation', () => {
		const few = municipalityChoice(list, list[2]);
		expect(few.options).toHaveLength(4);
		expect(few.chosen).toEqual({ slug: 'gemeinde-3', name: 'Borsdorf' });
		const many = Array.from({ length: LISTED_MUNICIPALITIES + 1 }, (_, i) => member(i));
		expect(municipalityChoice(many, many[50], 'gemeinde-50')).toEqual({ options: null, chosen: { slug: 'gemeinde-50', name: 'Gemeinde 50' }, unknown: null });
		// what names no member comes back to be corrected, not dropped
		expect(municipalityChoice(many, undefined, ' Gibtsnicht ')).toMatchObject({ chosen: null, unknown: 'Gibtsnicht' });
		expect(municipalityChoice(many, undefined, '').unknown).toBeNull();
		expect(municipalityChoice(many.slice(0, LISTED_MUNICIPALITIES), undefined).options).toHaveLength(LISTED_MUNICIPALITIES);
	});
});
