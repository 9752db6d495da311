import type { Browser, Page } from 'playwright-core';
import { openContext } from './browser.ts';

export const DEMO_PASSWORD = 'partheland-demo';

/** Signs in over HTTP, as the form does without JavaScript; the session cookie to send. */
export async function sessionOf(base: string, email: string, password = DEMO_PASSWORD) {
	const res = await fetch(`${base}/anmelden`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid=') && !c.startsWith('sid=;'));
	if (!cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
	return cookie.split(';')[0];
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD) {
	await page.goto(`${base}/anmelden`);
	await page.locator('main #email').fill(email);
	await page.locator('main #password').fill(password);
	await Promise.all([page.waitForEvent('framenavigated'), page.locator('main form').first().getByRole('button').click()]);
	// the answer is in when the page has left the sign-in form, or shows why not: a test that
	// navigates on at once would otherwise race the redirect after the sign-in
	await Promise.race([page.waitForURL((url) => !url.pathname.startsWith('/anmelden')), page.locator('main [role="alert"]').first().waitFor()]);
	await page.waitForLoadState('load');
}

/**
 * Reads the newest mail to `recipient` from the back office's outbox (no SMTP in the browser
 * tests), as the platform admin, and returns the link in it that contains `path`.
 */
export async function linkFromOutbox(browser: Browser, base: string, recipient: string, path: string) {
	const { context } = await openContext(browser, base);
	const page = await context.newPage();
	await signIn(page, base, 'admin@partheland.example');
	await page.goto(`${base}/verwaltung/postausgang`);
	await page.locator('tbody tr', { hasText: recipient }).first().getByRole('link').click();
	const body = (await page.locator('pre.mail').textContent()) ?? '';
	await context.close();
	const link = body.split(/\s+/).find((word) => word.includes(path));
	if (!link) throw new Error(`no link with ${path} in the mail to ${recipient}: ${body}`);
	return link;
}

/**
 * Issues an API key through the back office's form, as the signed-in person: for a municipality
 * (its AGS) or, with an empty scope, the whole region. The key is shown once, on the answer.
 */
export async function issueApiKey(base: string, cookie: string, name: string, scope: string) {
	const res = await fetch(`${base}/verwaltung/schnittstellen?/issue`, {
		method: 'POST',
		headers: { origin: base, accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ name, scope })
	});
	const key = /<code class="key[^"]*">([^<]+)<\/code>/.exec(await res.text())?.[1];
	if (!key) throw new Error(`no API key issued (${res.status})`);
	return key;
}
