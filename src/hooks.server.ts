import crypto from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { config } from '#lib/server/config.ts';
import { configureLog, log } from '#lib/server/log.ts';
import { startPlatform, stopPlatform } from '#lib/server/runtime.ts';
import { resolveLocale } from '#lib/server/locale.ts';
import { ForbiddenError, NotFoundError, guestActor } from '#lib/server/actor.ts';
import { isCrossOriginFormPath, isForgedRequest } from '#lib/server/csrf.ts';
import { db } from '#lib/server/runtime.ts';
import { sessionActor } from '#lib/features/accounts/server/service.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '#lib/features/accounts/server/cookies.ts';
import { problem, serviceUnavailablePage } from '#lib/server/http.ts';
import { oparlError } from '#lib/features/opendata/server/oparl/http.ts';
import { open311Error } from '#lib/features/reports/open311.ts';
import { isDatabaseUnavailable } from '#lib/server/db/availability.ts';
import { StorageError } from '#lib/server/storage/index.ts';

export const init: ServerInit = async () => {
	configureLog();
	await startPlatform();
	process.once('sveltekit:shutdown', () => {
		stopPlatform().catch((error) => log.error({ err: error }, 'closing the database failed'));
	});
};

/** Pages with personal or back-office content must never be cached by the browser or the service worker. */
const privatePaths = [/^\/verwaltung(\/|$)/, /^\/konto(\/|$)/, /^\/(anmelden|abmelden|registrieren|einladung|passwort-neu|passwort-vergessen)(\/|$)/];

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
	event.locals.requestId = requestId;
	event.locals.locale = resolveLocale(event.cookies, event.request.headers);
	event.locals.demo = config().DEMO_DATA;
	event.locals.actor = guestActor;
	let response: Response | undefined;
	try {
		response = await respond(event, resolve);
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		event.locals.databaseUnavailable = true;
	}
	// the database could not be reached (here or in a load, action or endpoint): a 503 in the
	// form of the interface, never a 500, and nothing half-written (every write is one transaction)
	if (!response || event.locals.databaseUnavailable) response = serviceUnavailable(event.url);

	const headers = response.headers;
	allowBasemapOrigin(headers);
	allowIdentityProvider(headers);
	headers.set('x-request-id', requestId);
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	if (event.url.protocol === 'https:') headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// A signed-in page may show personal data: never cached, by the browser or the service worker.
	if (privatePaths.some((p) => p.test(event.url.pathname)) || event.locals.actor.kind === 'user') headers.set('cache-control', 'private, no-store');
	else if (!headers.has('cache-control') && headers.get('content-type')?.startsWith('text/html')) headers.set('cache-control', 'no-cache');
	if (headers.get('content-type')?.startsWith('text/html')) headers.set('vary', 'Cookie, Accept-Language');

	// Request log: method, route and status only. Never the query string or body (personal data).
	log.info(
		{ reqId: requestId, method: event.request.method, route: event.route.id ?? 'static/none', status: response.status, ms: Math.round(performance.now() - started) },
		'request'
	);
	return response;
};

/** The session, the refusals of forged and malformed requests, then the route itself. */
async function respond(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']) {
	const forged = isForgedRequest(event.request, event.url);
	// a NUL byte is never part of valid input, and PostgreSQL refuses it in text: refused here,
	// in the form of the interface asked, before anything reads it
	const malformed = hasNulByte(event.url) ? 'Die Adresse' : (await formHasNulByte(event.request)) ? 'Die Eingabe' : undefined;
	// OParl is stateless: no session is read there, so no cookie is ever renewed or cleared
	const token = isCrossOriginFormPath(event.url.pathname) || event.url.pathname.startsWith('/oparl/') ? undefined : event.cookies.get(SESSION_COOKIE);
	if (token && !forged) {
		const found = token.length <= 64 ? await sessionActor(db(), token) : undefined;
		if (found) {
			event.locals.actor = found.actor;
			event.locals.sessionToken = token;
			if (found.renewed) setSessionCookie(event.cookies, event.url, token, found.expiresAt);
		} else clearSessionCookie(event.cookies, event.url);
	}

	return forged
		? forbiddenCrossSite(event.request)
		: malformed
			? refuseMalformed(event.url, malformed)
			: await resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
			});
}

/**
 * An operator who configures a basemap from another server (BASEMAP_STYLE_URL) accepts requests
 * to that one origin; it is added to exactly the directives a map needs. Off by default.
 */
function allowBasemapOrigin(headers: Headers) {
	const style = config().BASEMAP_STYLE_URL;
	const csp = headers.get('content-security-policy');
	if (!style || !csp) return;
	const origin = new URL(style).origin;
	headers.set('content-security-policy', csp.replace(/(connect-src|img-src|font-src) 'self'/g, `$1 'self' ${origin}`));
}

/**
 * The staff sign-in form posts here and is redirected to the identity provider: browsers check
 * that redirect against form-action, so the provider's origin (and only it) is allowed there.
 */
function allowIdentityProvider(headers: Headers) {
	const issuer = config().OIDC_ISSUER;
	const csp = headers.get('content-security-policy');
	if (!issuer || !csp) return;
	headers.set('content-security-policy', csp.replace(/form-action 'self'/, `form-action 'self' ${new URL(issuer).origin}`));
}

function hasNulByte(url: URL) {
	try {
		return decodeURIComponent(url.pathname + url.search).includes('\0');
	} catch {
		return /%00/.test(url.pathname + url.search);
	}
}

/**
 * The same for the text fields of a posted form. Read from a copy of the body (the action reads
 * the original); a body that does not parse is left to the action to refuse.
 */
async function formHasNulByte(request: Request) {
	if (request.method !== 'POST') return false;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
	try {
		for (const [key, value] of await request.clone().formData()) {
			if (key.includes('\0') || (typeof value === 'string' ? value : value.name).includes('\0')) return true;
		}
	} catch {
		return false;
	}
	return false;
}

function refuseMalformed(url: URL, what: string) {
	const message = `${what} enthält ein unzulässiges Zeichen.`;
	if (url.pathname.startsWith('/api/')) return problem(400, 'Ungültige Anfrage', message);
	if (url.pathname.startsWith('/oparl/')) return oparlError(400, message);
	if (url.pathname.startsWith('/georeport/')) return open311Error(url.pathname.endsWith('.xml') ? 'xml' : 'json', 400, message);
	return new Response(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function serviceUnavailable(url: URL) {
	const message = 'Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut.';
	const headers = { 'retry-after': '30', 'cache-control': 'no-store' };
	let response: Response;
	if (url.pathname.startsWith('/api/')) response = problem(503, 'Dienst vorübergehend nicht verfügbar', message);
	else if (url.pathname.startsWith('/oparl/')) response = oparlError(503, message);
	else if (url.pathname.startsWith('/georeport/')) response = open311Error(url.pathname.endsWith('.xml') ? 'xml' : 'json', 503, message);
	else return serviceUnavailablePage(message, headers);
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
}

function forbiddenCrossSite(request: Request) {
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	return request.headers.get('accept')?.includes('application/json')
		? Response.json({ message }, { status: 403 })
		: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export const handleError: HandleServerError = ({ kind, error, event }) => {
	if (kind !== 'unknown') return; // expected errors (404, validation) keep their own status and message
	if (isDatabaseUnavailable(error)) {
		// answered with 503 by the handle hook; logged once per request, without the stack
		if (!event.locals.databaseUnavailable) log.warn({ reqId: event.locals.requestId, route: event.route.id, err: (error as Error).message }, 'database unavailable');
		event.locals.databaseUnavailable = true;
		return { status: 503, message: 'Dienst vorübergehend nicht verfügbar' };
	}
	// a refusal a route forgot to translate is still a refusal, never a 500
	if (error instanceof ForbiddenError || error instanceof NotFoundError) {
		log.warn({ reqId: event.locals.requestId, route: event.route.id, err: error.name }, 'refusal not translated by the route');
		return error instanceof ForbiddenError ? { status: 403, message: error.message } : { status: 404, message: 'Nicht gefunden' };
	}
	if (error instanceof StorageError) {
		log.error({ reqId: event.locals.requestId, route: event.route.id, err: error.message }, 'upload not stored');
		return { status: 503, message: 'Dateien können gerade nicht gespeichert werden. Bitte versuchen Sie es später erneut.' };
	}
	log.error({ reqId: event.locals.requestId, route: event.route.id, err: error }, 'unhandled error');
	// The page never sees a stack trace or an internal message.
	return { message: 'Interner Fehler' };
};
