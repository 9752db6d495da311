import type { Cookies } from '@sveltejs/kit';
import { locales, type Locale } from '#lib/i18n/localized.ts';

export const LOCALE_COOKIE = 'lang';

/** The visitor's language: their explicit choice (cookie), else the browser's preference, else German. */
export function resolveLocale(cookies: Pick<Cookies, 'get'>, headers: Headers): Locale {
	const chosen = cookies.get(LOCALE_COOKIE);
	if (chosen && (locales as string[]).includes(chosen)) return chosen as Locale;
	const accept = headers.get('accept-language') ?? '';
	const first = accept.split(',')[0]?.trim().slice(0, 2).toLowerCase();
	return first === 'en' ? 'en' : 'de';
}

/** Remembers an explicit language choice for a year (the language switch, the account's language). */
export function rememberLocale(cookies: Pick<Cookies, 'set'>, url: URL, locale: Locale) {
	cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365, secure: url.protocol === 'https:' });
}
