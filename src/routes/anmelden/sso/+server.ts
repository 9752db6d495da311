import { error, redirect } from '@sveltejs/kit';
import { log } from '#lib/server/log.ts';
import { startOidcSignIn, oidcEnabled } from '#lib/features/accounts/server/oidc.ts';
import { mailContext, nextPath } from '#lib/features/accounts/server/web.ts';

/** Starts the sign-in at the identity provider; the check values wait in a short-lived cookie. */
export const POST = async ({ url, cookies, request }) => {
	if (!oidcEnabled()) error(404, 'Nicht gefunden');
	const form = await request.formData().catch(() => new FormData());
	const invitation = String(form.get('invitation') ?? '').match(/^[A-Za-z0-9_-]{20,64}$/)?.[0];
	let started;
	try {
		started = await startOidcSignIn(`${mailContext(url).origin}/anmelden/sso/callback`, nextPath(url, '/verwaltung'), invitation);
	} catch (e) {
		log.warn({ err: (e as Error).message }, 'OIDC provider not reachable');
		redirect(303, '/anmelden?sso=fehler');
	}
	cookies.set('oidc', Buffer.from(JSON.stringify(started.check)).toString('base64url'), {
		path: '/anmelden/sso',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 600
	});
	// To another origin on purpose (SvelteKit's redirect() allows only this site).
	return new Response(null, { status: 303, headers: { location: started.url.href } });
};
