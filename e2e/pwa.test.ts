import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { browserEnabled, useBrowser } from './browser.ts';

const base = inject('baseUrl');

describe('Partheland-App (installable web app)', () => {
	it('serves a web app manifest with its icons', async () => {
		const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({ name: 'Partheland-App', short_name: 'Partheland', start_url: '/', display: 'standalone', lang: 'de' });
		for (const icon of manifest.icons.filter((i: { type: string }) => i.type === 'image/png')) {
			const res = await fetch(base + icon.src);
			expect(res.status, icon.src).toBe(200);
			expect(res.headers.get('content-type'), icon.src).toBe('image/png');
		}
		expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	});
});

describe.skipIf(!browserEnabled)('service worker (browser)', () => {
	const browser = useBrowser();

	it('shows the offline page when the network is gone, and caches no pages but that one', async () => {
		const context = await browser().newContext({ locale: 'de-DE' });
		const page = await context.newPage();
		await page.goto(base + '/');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload(); // now controlled by the service worker
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		const cached = await page.evaluate(async () => {
			const keys: string[] = [];
			for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) keys.push(new URL(r.url).pathname);
			return keys;
		});
		expect(cached).toContain('/offline');
		expect(cached.some((p) => p.startsWith('/_app/immutable/'))).toBe(true);
		expect(cached.filter((p) => !p.startsWith('/_app/') && !/\.(png|svg|webmanifest|ico|txt)$/.test(p))).toEqual(['/offline']);

		await context.setOffline(true);
		await page.goto(base + '/kommunen');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sie sind offline');
		await context.close();
	});
});
