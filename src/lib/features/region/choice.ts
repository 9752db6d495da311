/**
 * Choosing one member in a filter. A cooperation has a handful, offered in a list; a national
 * installation has eleven thousand, which as options made every filtered page a megabyte – there
 * the filter is a text field that takes the name, the AGS or the address's slug. The member a text
 * names is found in the database (`readMunicipalityChoice` in `server/choice.ts`).
 */
export const LISTED_MUNICIPALITIES = 100;

type Named = { slug: string; name: string };

/**
 * What the page's filter needs: the options when they are few, otherwise none (a text field),
 * and what was typed when it names no member – shown back with a message, not silently dropped.
 * `firstMembers` are the members in their order, at least the first `LISTED_MUNICIPALITIES + 1`.
 */
export function municipalityChoice(firstMembers: Named[], chosen: Named | undefined, typed?: string | null) {
	const text = typed?.trim() ?? '';
	return {
		options: firstMembers.length <= LISTED_MUNICIPALITIES ? firstMembers.map((m) => ({ slug: m.slug, name: m.name })) : null,
		chosen: chosen ? { slug: chosen.slug, name: chosen.name } : null,
		unknown: !chosen && text ? text.slice(0, 100) : null
	};
}
export type MunicipalityChoice = ReturnType<typeof municipalityChoice>;
