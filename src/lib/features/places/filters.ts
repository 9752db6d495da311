import { isPlaceCategory, type PlaceCategory } from './categories.ts';

/** The directory's selection from the address (`kategorie`; the member `kommune` names, looked up by the caller); anything unknown is ignored. */
export function readPlaceFilter<M extends { slug: string; ags: string }>(url: URL, m: M | undefined) {
	const category = url.searchParams.get('kategorie') ?? '';
	const filter = { category: isPlaceCategory(category) ? (category as PlaceCategory) : undefined, ags: m?.ags };
	return {
		filter,
		municipality: m,
		form: { kategorie: filter.category ?? '', kommune: m?.slug ?? '' },
		query: new URLSearchParams([...(filter.category ? [['kategorie', filter.category]] : []), ...(m ? [['kommune', m.slug]] : [])]).toString()
	};
}
