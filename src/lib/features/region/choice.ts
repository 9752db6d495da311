/**
 * Choosing one member in a filter. A cooperation has a handful, offered in a list; a national
 * installation has eleven thousand, which as options made every filtered page a megabyte – there
 * the filter is a text field that takes the name, the AGS or the address's slug.
 */
export const LISTED_MUNICIPALITIES = 100;

type Named = { slug: string; ags: string; name: string };

/** The member a filter's value names: its slug, its AGS or its name (any case); the first by the list's order. */
export function matchMunicipality<T extends Named>(list: T[], value: string | null | undefined): T | undefined {
	const wanted = value?.trim();
	if (!wanted) return undefined;
	const lower = wanted.toLocaleLowerCase('de');
	return list.find((m) => m.slug === wanted) ?? list.find((m) => m.ags === wanted) ?? list.find((m) => m.name.toLocaleLowerCase('de') === lower);
}

/**
 * What the page's filter needs: the options when they are few, otherwise none (a text field),
 * and what was typed when it names no member – shown back with a message, not silently dropped.
 */
export function municipalityChoice(list: Named[], chosen: Named | undefined, typed?: string | null) {
	const text = typed?.trim() ?? '';
	return {
		options: list.length <= LISTED_MUNICIPALITIES ? list.map((m) => ({ slug: m.slug, name: m.name })) : null,
		chosen: chosen ? { slug: chosen.slug, name: chosen.name } : null,
		unknown: !chosen && text ? text.slice(0, 100) : null
	};
}
export type MunicipalityChoice = ReturnType<typeof municipalityChoice>;
