import { isPlaceCategory, type PlaceCategory } from './categories.ts';
import { matchMunicipality } from '../region/choice.ts';

/** The directory's selection from the address (`kategorie`, `kommune` as slug, AGS or name); anything unknown is ignored. */
export function readPlaceFilter<M extends { slug: string; ags: string; name: string }>(url: URL, municipalities: M[]) {
	const category = url.searchParams.get('kategorie') ?? '';
	const m = matchMunicipality(municipalities, url.searchParams.get('kommune'));
	const filter = { category: isPlaceCategory(category) ? (category as PlaceCategory) : undefined, ags: m?.ags };
	return {
		filter,
		municipality: m,
		form: { kategorie: filter.category ?? '', kommune: m?.slug ?? '' },
		query: new URLSearchParams([...(filter.category ? [['kategorie', filter.category]] : []), ...(m ? [['kommune', m.slug]] : [])]).toString()
	};
}
