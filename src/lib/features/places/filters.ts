import { isPlaceCategory, type PlaceCategory } from './categories.ts';

/** The directory's selection from the address (`kategorie`, `kommune` as slug); anything unknown is ignored. */
export function readPlaceFilter(url: URL, municipalities: { slug: string; ags: string }[]) {
	const category = url.searchParams.get('kategorie') ?? '';
	const m = municipalities.find((x) => x.slug === url.searchParams.get('kommune'));
	const filter = { category: isPlaceCategory(category) ? (category as PlaceCategory) : undefined, ags: m?.ags };
	return {
		filter,
		form: { kategorie: filter.category ?? '', kommune: m?.slug ?? '' },
		query: new URLSearchParams([...(filter.category ? [['kategorie', filter.category]] : []), ...(m ? [['kommune', m.slug]] : [])]).toString()
	};
}
