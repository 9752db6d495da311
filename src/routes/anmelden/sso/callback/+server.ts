import { error, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { log } from '#lib/server/log.ts';
import { safeLocalPath } from '#lib/server/http.ts';
import { finishOidcSignIn, oidcEnabled, type OidcCheck } from '#lib/features/accounts/server/oidc.ts';
import { mailContext, signIn } from '#lib/features/accounts/server/web.ts';

/** The provider sends the browser back here with a code; the account is signed in with a fresh session. */
export const GET = async (event) => {
	if (!oidcEnabled()) error(404, 'Nicht gefunden');
	const raw = event.cookies.get('oidc');
	event.cookies.delete('oidc', { path: '/anmelden/sso' });
	let check: OidcCheck;
	try {
		check = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8'));
		if (!check.verifier || !check.state || !check.nonce) throw new Error('incomplete');
	} catch {
		redirect(303, '/anmelden?sso=fehler');
	}
	// The redirect URI the provider knows: the public origin, not the address the proxy used.
	const current = new URL(event.url.pathname + event.url.search, mailContext(event.url).origin);
	let result: Awaited<ReturnType<typeof finishOidcSignIn>>;
	try {
		result = await finishOidcSignIn(db(), current, check, event.locals.locale);
	} catch (e) {
		log.warn({ err: (e as Error).message }, 'OIDC sign-in failed');
		redirect(303, '/anmelden?sso=fehler');
	}
	if (result === 'unknown') redirect(303, '/anmelden?sso=unbekannt');
	await signIn(event, result.accountId);
	redirect(303, safeLocalPath(check.next, '/verwaltung'));
};
