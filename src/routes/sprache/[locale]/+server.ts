import { error, redirect } from '@sveltejs/kit';
import { locales } from '#lib/i18n/localized.ts';
import { LOCALE_COOKIE } from '#lib/server/locale.ts';
import { safeLocalPath } from '#lib/server/http.ts';

/** Language switch that works without JavaScript: remembers the choice, returns to the page. */
export const GET = ({ params, url, cookies }) => {
	if (!(locales as string[]).includes(params.locale)) error(404, 'Nicht gefunden');
	cookies.set(LOCALE_COOKIE, params.locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365, secure: url.protocol === 'https:' });
	redirect(303, safeLocalPath(url.searchParams.get('zurueck')));
};
