import * as client from 'openid-client';
import { config } from '#lib/server/config.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import type { Locale } from '#lib/i18n/index.ts';
import * as queries from './queries.ts';
import { acceptInvitation } from './service.ts';

/**
 * Staff sign-in through the municipalities' identity provider (OpenID Connect, e.g. Keycloak):
 * authorisation code flow with PKCE, state and nonce. The provider's verified e-mail address
 * maps to an existing account with a verified address (then the subject is remembered); an
 * invited person without an account gets one on accepting the invitation. Local accounts keep
 * working alongside.
 */
export type OidcCheck = { verifier: string; state: string; nonce: string; next: string; invitation?: string };

let discovered: Promise<client.Configuration> | undefined;

export function oidcEnabled() {
	const cfg = config();
	return Boolean(cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID);
}

function configuration() {
	const cfg = config();
	if (!cfg.OIDC_ISSUER || !cfg.OIDC_CLIENT_ID) throw new Error('OIDC ist nicht eingerichtet.');
	const issuer = new URL(cfg.OIDC_ISSUER);
	// Plain http only for a provider on this machine (tests, development); production uses https.
	const loopback = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
	discovered ??= client
		.discovery(issuer, cfg.OIDC_CLIENT_ID, cfg.OIDC_CLIENT_SECRET, undefined, loopback ? { execute: [client.allowInsecureRequests] } : undefined)
		.catch((error) => {
			discovered = undefined; // try again on the next sign-in
			throw error;
		});
	return discovered;
}

export async function startOidcSignIn(redirectUri: string, next: string, invitation?: string) {
	const conf = await configuration();
	const check: OidcCheck = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), next, invitation };
	const url = client.buildAuthorizationUrl(conf, {
		redirect_uri: redirectUri,
		scope: 'openid email profile',
		code_challenge: await client.calculatePKCECodeChallenge(check.verifier),
		code_challenge_method: 'S256',
		state: check.state,
		nonce: check.nonce
	});
	return { url, check };
}

/** The account signed in by the provider's answer, or 'unknown' when no account matches. */
export async function finishOidcSignIn(db: Db, currentUrl: URL, check: OidcCheck, locale: Locale): Promise<{ accountId: string } | 'unknown'> {
	const conf = await configuration();
	const tokens = await client.authorizationCodeGrant(conf, currentUrl, {
		pkceCodeVerifier: check.verifier,
		expectedState: check.state,
		expectedNonce: check.nonce,
		idTokenExpected: true
	});
	const idToken = tokens.claims()!;
	// Address and name from the UserInfo endpoint: every provider serves them there, not all put them in the ID token.
	const claims = await client.fetchUserInfo(conf, tokens.access_token, idToken.sub);
	const subject = `${idToken.iss} ${idToken.sub}`;
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
	const emailVerified = claims.email_verified === true;

	const known = await queries.findAccountByOidcSubject(db, subject);
	if (known) return { accountId: known.id };
	if (!email || !emailVerified) return 'unknown';

	const byEmail = await queries.findAccountByEmail(db, email);
	if (byEmail) {
		// Only a verified address on both sides links the accounts: nobody takes over an account by claiming its address.
		if (!byEmail.emailVerifiedAt || byEmail.oidcSubject) return 'unknown';
		await queries.updateAccount(db, byEmail.id, { oidcSubject: subject });
		return { accountId: byEmail.id };
	}
	if (check.invitation) {
		const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 80) : email;
		const accountId = await transaction(db, (tx) => acceptInvitation(tx, check.invitation!, { oidcAccount: { subject, email, displayName: name, locale } }));
		if (accountId) return { accountId };
	}
	return 'unknown';
}
