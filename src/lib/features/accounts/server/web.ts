import { error, redirect, type Cookies } from '@sveltejs/kit';
import { config } from '#lib/server/config.ts';
import { db } from '#lib/server/runtime.ts';
import { safeLocalPath } from '#lib/server/http.ts';
import { consumeRateLimit, refundRateLimit } from '#lib/server/rate-limit/index.ts';
import { isStaffAnywhere, type Actor } from '#lib/server/actor.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import { createSession, endSession } from './service.ts';

/** The glue between the accounts domain and SvelteKit routes: sign-in state, redirects, limits. */

export function mailContext(url: URL) {
	return { origin: config().ORIGIN ?? url.origin };
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): Actor & { id: string } {
	const actor = locals.actor;
	if (actor.kind !== 'user' || !actor.id) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	return actor as Actor & { id: string };
}

/** The back office: signed in and holding at least one role; others get 403. */
export function requireStaff(locals: App.Locals, url: URL) {
	const actor = requireUser(locals, url);
	if (!isStaffAnywhere(actor)) error(403, 'Die Verwaltung ist nur für Mitarbeitende mit einer Rolle zugänglich.');
	return actor;
}

/** A fresh session (never the one the browser came with: no session fixation). */
export async function signIn(event: { cookies: Cookies; url: URL; locals: App.Locals }, accountId: string) {
	if (event.locals.sessionToken) await endSession(db(), event.locals.sessionToken);
	const { token, expiresAt } = await createSession(db(), accountId);
	setSessionCookie(event.cookies, event.url, token, expiresAt);
}

export async function signOut(event: { cookies: Cookies; url: URL; locals: App.Locals }) {
	if (event.locals.sessionToken) await endSession(db(), event.locals.sessionToken);
	clearSessionCookie(event.cookies, event.url);
}

export function nextPath(url: URL, fallback = '/konto') {
	return safeLocalPath(url.searchParams.get('weiter'), fallback);
}

/**
 * Limits for public account actions, counted in the database (shared by all processes): per
 * client address, and per e-mail address for sign-in (a temporary lockout that looks the same
 * whether or not the address has an account).
 */
// Per client generously: a town hall's staff share one public address.
const limits = {
	login: { perClient: [300, 900], perEmail: [5, 900] },
	register: { perClient: [30, 3600], perEmail: [3, 3600] },
	reset: { perClient: [10, 3600], perEmail: [3, 3600] },
	invitation: { perClient: [20, 3600], perEmail: [10, 3600] }
} as const;

export async function withinLimits(kind: keyof typeof limits, client: string, email?: string) {
	const { perClient, perEmail } = limits[kind];
	const a = await consumeRateLimit(db(), `${kind}:client:${client}`, perClient[0], perClient[1]);
	const b = email ? await consumeRateLimit(db(), `${kind}:email:${email.trim().toLowerCase()}`, perEmail[0], perEmail[1]) : { allowed: true };
	return a.allowed && b.allowed;
}

/** A successful sign-in does not count against the address's limit: only failures lock it. */
export async function refundLoginAttempt(email: string) {
	await refundRateLimit(db(), `login:email:${email.trim().toLowerCase()}`, limits.login.perEmail[1]);
}
