export type Locale = 'de' | 'en';
export const locales: Locale[] = ['de', 'en'];
export type Localized = { de: string; en?: string };

/** Picks the text for a locale, falling back to German; `lang` says which one it is (for lang=""). */
export function pick(value: Localized, locale: Locale): { text: string; lang: Locale } {
	if (locale === 'en' && value.en) return { text: value.en, lang: 'en' };
	return { text: value.de, lang: 'de' };
}
