import { catalogues } from '#lib/i18n/index.ts';
import { locales } from '#lib/i18n/localized.ts';
import type { SearchSource } from '../../search/server/registry.ts';

/** The platform's fixed information pages, findable through search. */
const pages = [
	{ ref: 'impressum', url: '/impressum', title: 'impressum.title', body: { de: 'Impressum Anbieter Verantwortlich Kontakt Koordinierungsstelle', en: 'Legal notice provider responsible contact' } },
	{ ref: 'datenschutz', url: '/datenschutz', title: 'privacy.title', body: { de: 'Datenschutz DSGVO personenbezogene Daten Auskunft Löschung Cookies', en: 'Privacy GDPR personal data access erasure cookies' } },
	{ ref: 'barrierefreiheit', url: '/barrierefreiheit', title: 'accessibility.title', body: { de: 'Barrierefreiheit BITV Barriere melden Feedback Schlichtungsstelle', en: 'Accessibility BITV report a barrier feedback' } },
	{ ref: 'leichte-sprache', url: '/leichte-sprache', title: 'easy.title', body: { de: 'Leichte Sprache Erklärung Partheland', en: 'Easy language explanation' } },
	{ ref: 'opendaten', url: '/opendaten', title: 'opendata.title', body: { de: 'Offene Daten Open Data API Schnittstelle JSON GeoJSON Lizenz', en: 'Open data API JSON GeoJSON licence' } }
] as const;

export const pagesSearchSource: SearchSource = {
	name: 'page',
	label: { de: 'Seite', en: 'Page' },
	version: 1,
	rebuiltAtStart: true,
	async documents() {
		return pages.flatMap((p) =>
			locales.map((locale) => ({ ref: p.ref, locale, title: catalogues[locale][p.title], summary: p.body[locale], body: '', url: p.url }))
		);
	}
};
