/** The directory's categories: fixed keys (in addresses and the API) with German and English names. */
export const placeCategories = {
	natur: { de: 'Naherholung & Natur', en: 'Recreation and nature' },
	sehenswuerdigkeit: { de: 'Sehenswürdigkeit', en: 'Sight' },
	kultur: { de: 'Kultur & Museum', en: 'Culture and museum' },
	sport: { de: 'Sport', en: 'Sport' },
	spielplatz: { de: 'Spielplatz', en: 'Playground' },
	bibliothek: { de: 'Bibliothek', en: 'Library' },
	jugend: { de: 'Jugend', en: 'Youth' },
	senioren: { de: 'Senioren', en: 'Senior citizens' },
	coworking: { de: 'Co-Working', en: 'Co-working' },
	gastronomie: { de: 'Gastronomie', en: 'Food and drink' },
	rathaus: { de: 'Rathaus & Bürgerbüro', en: 'Town hall and citizens’ office' },
	sonstiges: { de: 'Sonstiges', en: 'Other' }
} as const;

export type PlaceCategory = keyof typeof placeCategories;
export const placeCategoryKeys = Object.keys(placeCategories) as PlaceCategory[];
export const isPlaceCategory = (key: string): key is PlaceCategory => Object.hasOwn(placeCategories, key);
