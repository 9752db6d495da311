/**
 * One sweep over every route the platform has (read from src/routes, so a new one is covered
 * without being listed): security headers and CSP on every answer, for a guest and for a signed-in
 * admin; CSRF refused on every form action; no redirect parameter leads off the site.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DEMO_PASSWORD, sessionOf } from './people.ts';
import { everyRoute } from './routes.ts';

const base = inject('baseUrl');

/** Real examples for the dynamic segments; ids are the demo data's first rows. */
const examples: Record<string, string> = {
	'[slug]': 'naunhof', '[ags]': '14729060', '[code]': 'sonstiges', '[token]': 'abgelaufener-link', '[locale]': 'en',
	'[id]': '1', '[file]': 'anliegen.csv', '[...path]': 'system', '[format]': 'json', '[kind]': 'x'
};

const routes = () => everyRoute((directory) => examples[directory] ?? directory.replace(/\[([^\]]+)\]/g, (_, name) => examples[`[${name}]`] ?? '1'));

let adminCookie: string;
beforeAll(async () => {
	adminCookie = await sessionOf(base, 'admin@partheland.example');
});

describe('security sweep over every route', () => {
	const all = routes();

	it('finds the routes and their form actions', () => {
		expect(all.length).toBeGreaterThan(120);
		expect(all.filter((r) => r.actions.length).length).toBeGreaterThan(40);
		expect(all.find((r) => r.path === '/verwaltung/anliegen/1')?.actions).toEqual(expect.arrayContaining(['status']));
	});

	it('sends the security headers on every answer, and a strict CSP on every page, to guests and to the signed-in', async () => {
		let checked = 0;
		for (const route of all) {
			for (const cookie of [undefined, adminCookie]) {
				const res = await fetch(base + route.path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
				await res.arrayBuffer();
				const where = `${route.path} (${cookie ? 'admin' : 'guest'}, ${res.status})`;
				expect(res.status, where).toBeLessThan(500);
				expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
				expect(res.headers.get('x-frame-options'), where).toBe('DENY');
				expect(res.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
				expect(res.headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
				expect(res.headers.get('permissions-policy'), where).toContain('camera=()');
				if (res.headers.get('content-type')?.startsWith('text/html')) {
					const csp = res.headers.get('content-security-policy') ?? '';
					expect(csp, where).toMatch(/script-src 'self' 'nonce-[^']+'/);
					expect(csp, where).toMatch(/frame-ancestors 'none'/);
					expect(csp, where).toMatch(/form-action 'self'/);
					expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval/);
				}
				// what a signed-in person sees is never stored by a cache (Open311 and OParl never read the session)
				if (cookie && !/^\/(georeport|oparl)\//.test(route.path)) expect(res.headers.get('cache-control'), where).toBe('private, no-store');
				// the session cookie is only ever set httpOnly
				for (const set of res.headers.getSetCookie().filter((c) => c.startsWith('sid='))) expect(set, where).toMatch(/HttpOnly/);
				checked++;
			}
		}
		expect(checked).toBe(all.length * 2);
	}, 300_000);

	it('refuses every form action posted from another site or without an origin, even with a valid session', async () => {
		let checked = 0;
		for (const route of all.filter((r) => r.actions.length)) {
			for (const action of route.actions) {
				const target = `${base}${route.path}${route.path.includes('?') ? '&' : '?'}${action === 'default' ? '' : `/${action}`}`;
				for (const origin of ['https://evil.example', 'null', undefined]) {
					const res = await fetch(target, {
						method: 'POST',
						redirect: 'manual',
						headers: { cookie: adminCookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
						body: 'id=1&status=done&name=x'
					});
					expect(res.status, `${target} from ${origin}`).toBe(403);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(150);
	}, 300_000);

	it('never redirects to another site, whatever the return address says', async () => {
		const hostile = ['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', '%2F%2Fevil.example', 'javascript:alert(1)', '/%09/evil.example', 'http:evil.example', '/\t/evil.example', ' //evil.example'];
		for (const value of hostile) {
			const language = await fetch(`${base}/sprache/en?zurueck=${encodeURIComponent(value)}`, { redirect: 'manual' });
			const signIn = await fetch(`${base}/anmelden?weiter=${encodeURIComponent(value)}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: 'admin@partheland.example', password: DEMO_PASSWORD })
			});
			for (const res of [language, signIn]) {
				expect(res.status, value).toBe(303);
				const location = res.headers.get('location')!;
				expect(new URL(location, base).origin, `${value} → ${location}`).toBe(new URL(base).origin);
				expect(location, value).toMatch(/^\/(?![/\\])/);
			}
		}
	});
});

describe('authorisation sweep, first part: the back office is closed to guests and citizens', () => {
	// test/policies.expected.tsv, row backoffice.enter: guest n, citizen n. Actions run before any
	// load, so every action must check for itself: each one is posted, not only each page read.
	const backOffice = routes().filter((r) => r.path.startsWith('/verwaltung'));

	it('sends a guest to the sign-in and refuses a citizen, on every page and every action', async () => {
		expect(backOffice.length).toBeGreaterThan(40);
		const citizen = await sessionOf(base, 'buerger@partheland.example');
		let checked = 0;
		for (const route of backOffice) {
			const requests = [{ method: 'GET', target: route.path }, ...route.actions.map((a) => ({ method: 'POST', target: `${route.path}?${a === 'default' ? '' : `/${a}`}` }))];
			for (const { method, target } of requests) {
				for (const cookie of [undefined, citizen]) {
					const res = await fetch(base + target, {
						method,
						redirect: 'manual',
						headers: { origin: base, accept: 'text/html', ...(cookie ? { cookie } : {}), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
						body: method === 'POST' ? 'id=1&status=done&name=Angriff&title=Angriff&text=Angriff&ags=14729060' : undefined
					});
					const body = await res.text();
					const where = `${method} ${target} (${cookie ? 'citizen' : 'guest'})`;
					if (cookie) expect(res.status, where).toBe(403);
					else {
						expect(res.status, where).toBe(303);
						expect(res.headers.get('location'), where).toMatch(/^\/anmelden\?weiter=/);
					}
					expect(body, where).not.toContain('Angriff');
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(250);
	}, 300_000);
});
