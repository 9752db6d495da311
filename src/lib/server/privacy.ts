import type { Localized } from '#lib/i18n/localized.ts';

/**
 * Every form that collects personal data declares its notice here; the Datenschutz page lists
 * them all and the form shows its own. A module that adds such a form adds its notice.
 */
export type PrivacyNotice = { id: string; form: Localized; purpose: Localized; data: Localized; retention: Localized; legalBasis: string };

export const privacyNotices: PrivacyNotice[] = [
	{
		id: 'barrierefreiheit',
		form: { de: 'Barriere melden (Erklärung zur Barrierefreiheit)', en: 'Report a barrier (accessibility statement)' },
		purpose: { de: 'Bearbeitung Ihrer Meldung und Antwort an Sie', en: 'Handling your report and replying to you' },
		data: { de: 'Ihre Nachricht, die betroffene Seite, freiwillig Ihre E-Mail-Adresse', en: 'Your message, the page concerned, optionally your e-mail address' },
		retention: { de: '12 Monate, danach automatische Löschung', en: '12 months, then deleted automatically' },
		legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 12b BGG / BITV 2.0'
	}
];
