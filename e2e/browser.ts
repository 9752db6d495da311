import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const browserEnabled = process.env.E2E_BROWSER !== 'off';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

/** One browser for the enclosing describe block: `const browser = useBrowser();` then `browser()`. */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());
	return () => browser!;
}

/**
 * A browser context that records what the page does that it must not: requests to any origin
 * but the platform's, console errors (CSP violations show up there) and uncaught errors.
 */
export async function openContext(browser: Browser, baseUrl: string, opts: { locale?: 'de' | 'en'; javaScriptEnabled?: boolean; width?: number } = {}) {
	const context = await browser.newContext({
		locale: opts.locale === 'en' ? 'en-GB' : 'de-DE',
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		viewport: { width: opts.width ?? 1280, height: 900 },
		serviceWorkers: 'block'
	});
	const problems: string[] = [];
	const origin = new URL(baseUrl).origin;
	context.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign request: ${u}`);
	});
	const watch = (page: Page) => {
		page.on('console', (m) => {
			// a refusal (400, 403, 404, 429) is an expected error state, not a problem of the page
			if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|403|404|429)/.test(m.text())) problems.push(`console error on ${page.url()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
	};
	context.on('page', watch);
	return { context, problems };
}

export type Ctx = { context: BrowserContext; problems: string[] };

/**
 * Holds back the page's scripts, as on a slow connection, until `hydrate` is called; `hydrate`
 * lets them load and resolves once the page has hydrated (SvelteKit's announcer is there).
 */
export async function holdScripts(page: Page) {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return async function hydrate() {
		release();
		await page.waitForFunction(() => document.querySelector('#svelte-announcer') !== null);
	};
}
