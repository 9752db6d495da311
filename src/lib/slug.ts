/** "Grünflächen & Bäume" → "gruenflaechen-baeume": German umlauts spelled out, other accents dropped, the rest joined by hyphens. */
export function toSlug(name: string) {
	return name
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
