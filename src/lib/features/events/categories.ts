/** The calendar's categories: fixed keys (in addresses and feeds) with German and English names. */
export const eventCategories = {
	kultur: { de: 'Kultur', en: 'Culture' },
	sport: { de: 'Sport', en: 'Sport' },
	jugend: { de: 'Jugend', en: 'Youth' },
	senioren: { de: 'Senioren', en: 'Senior citizens' },
	familie: { de: 'Familie', en: 'Family' },
	vereine: { de: 'Vereine', en: 'Clubs and associations' },
	natur: { de: 'Natur & Naherholung', en: 'Nature and recreation' },
	feste: { de: 'Markt & Feste', en: 'Markets and festivals' },
	bildung: { de: 'Bildung', en: 'Education' },
	politik: { de: 'Gremien & Politik', en: 'Councils and politics' }
} as const;

export type EventCategory = keyof typeof eventCategories;
export const eventCategoryKeys = Object.keys(eventCategories) as EventCategory[];
export const isEventCategory = (key: string): key is EventCategory => Object.hasOwn(eventCategories, key);
