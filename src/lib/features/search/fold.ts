/**
 * German folding for search: lower case, ß → ss, umlauts and their spelled-out forms both to the
 * plain vowel (ä and ae → a), other accents dropped. Applied to documents and queries alike, so
 * "Strassenschaden" meets "Straßenschäden" and "Grosspoesna" meets "Großpösna".
 */
export function foldGerman(text: string): string {
	return text
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/ae/g, 'a')
		.replace(/oe/g, 'o')
		.replace(/ue/g, 'u')
		.replace(/\s+/g, ' ')
		.trim();
}
