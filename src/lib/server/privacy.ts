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
	},
	{
		id: 'konto',
		form: { de: 'Konto (Registrierung, Anmeldung, Mein Konto)', en: 'Account (registration, sign-in, my account)' },
		purpose: { de: 'Führen Ihres Kontos, Anmeldung, Bestätigungs- und Passwort-Links per E-Mail', en: 'Running your account, signing in, confirmation and password links by e-mail' },
		data: {
			de: 'E-Mail-Adresse, Name, Sprache, Passwort nur als Argon2id-Hash, Anmeldungen (Zeitpunkte, nur als Hash des Sitzungsschlüssels); keine IP-Adressen',
			en: 'E-mail address, name, language, password only as an Argon2id hash, sign-ins (times, only a hash of the session key); no IP addresses'
		},
		retention: {
			de: 'Bis Sie das Konto löschen (jederzeit unter „Mein Konto“); abgelaufene Anmeldungen und Links werden nachts gelöscht',
			en: 'Until you delete the account (any time under “My account”); expired sign-ins and links are deleted nightly'
		},
		legalBasis: 'Art. 6 Abs. 1 lit. b DSGVO'
	},
	{
		id: 'verwaltung',
		form: { de: 'Verwaltung (Konten der Mitarbeitenden, Protokoll)', en: 'Back office (staff accounts, audit log)' },
		purpose: {
			de: 'Nachvollziehbarkeit jeder Änderung durch Mitarbeitende (wer, in welcher Rolle, was, wann), Einladungen per E-Mail',
			en: 'Traceability of every change made by staff (who, in which role, what, when), invitations by e-mail'
		},
		data: { de: 'Name und Rolle der handelnden Person, die Änderung selbst; E-Mail-Adresse eingeladener Personen', en: 'Name and role of the person acting, the change itself; e-mail address of invited people' },
		retention: {
			de: 'Protokolleinträge bleiben auch nach Löschung eines Kontos erhalten (Rechenschaftspflicht der Verwaltung); Einladungen verfallen nach 7 Tagen',
			en: 'Audit entries are kept after an account is deleted (accountability of the administration); invitations expire after 7 days'
		},
		legalBasis: 'Art. 6 Abs. 1 lit. c und e DSGVO'
	},
	{
		id: 'anliegen',
		form: { de: 'Anliegen melden', en: 'Report a problem' },
		purpose: {
			de: 'Bearbeitung Ihres Anliegens durch die zuständige Kommune, Bestätigungslink und Nachrichten zum Stand per E-Mail',
			en: 'Handling of your report by the municipality responsible, confirmation link and status updates by e-mail'
		},
		data: {
			de: 'E-Mail-Adresse, freiwillig Ihr Name, Ihre Beschreibung, Ort und Fotos (Fotos ohne Metadaten wie GPS-Position). Öffentlich erscheinen nur Kategorie, Ort, Status und die von der Verwaltung freigegebenen Texte und Fotos, nie Name oder E-Mail-Adresse.',
			en: 'E-mail address, optionally your name, your description, place and photos (photos without metadata such as GPS position). Only the category, place, status and the texts and photos released by the administration are public, never your name or e-mail address.'
		},
		retention: {
			de: 'Name und E-Mail-Adresse werden {days} Tage nach Abschluss automatisch überall gelöscht (Anliegen, Verlauf, Protokoll, Postausgang); nicht bestätigte Anliegen nach 7 Tagen',
			en: 'Name and e-mail address are erased automatically everywhere {days} days after closing (report, history, audit log, outbox); unconfirmed reports after 7 days'
		},
		legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO (Aufgaben der Kommune)'
	}
];
