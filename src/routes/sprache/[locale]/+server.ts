import { error, redirect } from '@sveltejs/kit';
import { locales, type Locale } from '#lib/i18n/localized.ts';
import { rememberLocale } from '#lib/server/locale.ts';
import { safeLocalPath } from '#lib/server/http.ts';

/** Language switch that works without JavaScript: remembers the choice, returns to the page. */
export const GET = ({ params, url, cookies }) => {
	if (!(locales as string[]).includes(params.locale)) error(404, 'Nicht gefunden');
	rememberLocale(cookies, url, params.locale as Locale);
	redirect(303, safeLocalPath(url.searchParams.get('zurueck')));
};
