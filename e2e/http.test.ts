import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const base = inject('baseUrl');

describe('security headers', () => {
	it('sends a strict CSP and the usual headers on every page', async () => {
		for (const path of ['/', '/kommunen/naunhof', '/suche?q=x', '/barrierefreiheit', '/gibt-es-nicht']) {
			const res = await fetch(base + path);
			const csp = res.headers.get('content-security-policy') ?? '';
			expect(csp, path).toMatch(/default-src 'self'/);
			expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
			expect(csp, path).toMatch(/frame-ancestors 'none'/);
			expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(res.headers.get('x-frame-options'), path).toBe('DENY');
			expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(res.headers.get('x-request-id'), path).toBeTruthy();
		}
	});

	it('answers unknown pages with 404 and no stack trace', async () => {
		const res = await fetch(`${base}/kommunen/gibt-es-nicht`);
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).toContain('Fehler 404');
		expect(html).not.toMatch(/at .*\(.*\.js:\d+/);
	});

	it('answers ids beyond any row with 404 and a NUL byte with 400, in the form of the interface (found by the fuzz suite)', async () => {
		for (const path of ['/beteiligung/999999999999', '/beteiligung/ideen/2147483648', '/veranstaltungen/99999999999', '/gremien/sitzungen/99999999999']) expect((await fetch(base + path)).status, path).toBe(404);
		expect((await fetch(`${base}/kommunen/%00`)).status).toBe(400);
		const api = await fetch(`${base}/api/v1/municipalities/%00`);
		expect(api.status).toBe(400);
		expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect((await (await fetch(`${base}/oparl/v1.1/meeting/1?x=%00`)).json()).type).toBe('https://schema.oparl.org/1.1/Error');
		expect(await (await fetch(`${base}/georeport/v2/requests.json?service_code=%00`)).json()).toEqual([{ code: 400, description: 'Die Adresse enthält ein unzulässiges Zeichen.' }]);
		// and in a posted form, where PostgreSQL would refuse it in text
		const form = await fetch(`${base}/passwort-vergessen`, { method: 'POST', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%00b%40example.org' });
		expect(form.status).toBe(400);
		expect(await form.text()).toBe('Die Eingabe enthält ein unzulässiges Zeichen.');
	});
});

describe('language switch', () => {
	it('remembers the choice in a cookie and returns to the page', async () => {
		const res = await fetch(`${base}/sprache/en?zurueck=${encodeURIComponent('/kommunen?x=1')}`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/kommunen?x=1');
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^lang=en;/);
		expect(cookie).toMatch(/HttpOnly/i);
		const page = await (await fetch(`${base}/kommunen`, { headers: { cookie: 'lang=en' } })).text();
		expect(page).toContain('<html lang="en">');
		expect(page).toContain('The municipalities of Partheland');
	});

	it('never redirects to another site', async () => {
		for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
			const res = await fetch(`${base}/sprache/de?zurueck=${encodeURIComponent(target)}`, { redirect: 'manual' });
			expect(res.headers.get('location'), target).toBe('/');
		}
	});
});

describe('forms without JavaScript', () => {
	const post = (body: Record<string, string>, origin = base) =>
		fetch(`${base}/barrierefreiheit`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
			body: new URLSearchParams(body),
			redirect: 'manual'
		});

	it('accepts a plain form POST from the platform origin on a non-default port', async () => {
		expect(new URL(base).port).not.toBe('3000');
		const res = await post({ message: 'Der Kontrast der Kartenbeschriftung ist zu gering.', page: '/kommunen', email: '' });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Ihre Nachricht ist bei der Koordinierungsstelle eingegangen');
	});

	it('shows errors next to the fields and keeps what was typed', async () => {
		const res = await post({ message: 'kurz', page: '/leitbild', email: 'keine-adresse' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Bitte beschreiben Sie die Barriere');
		expect(html).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
		expect(html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*>kurz<\/textarea>/);
		expect(html).toContain('value="keine-adresse"');
		expect(html).toContain('value="/leitbild"');
	});

	it('refuses a cross-site form POST (CSRF)', async () => {
		const res = await post({ message: 'Das ist ein Angriff von außen, der scheitern muss.' }, 'https://evil.example');
		expect(res.status).toBe(403);
	});
});
