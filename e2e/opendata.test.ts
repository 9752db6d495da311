import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';

const base = inject('baseUrl');
const get = (p: string, init?: RequestInit) => fetch(p.startsWith('http') ? p : base + p, init);

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('OParl over HTTP', () => {
	it('answers JSON for anyone, from anywhere, without setting a cookie even when one is sent', async () => {
		const res = await get('/oparl/v1.1', { headers: { cookie: 'sid=abgelaufen' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('set-cookie')).toBeNull();
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]); // no BOM
		const system = JSON.parse(new TextDecoder().decode(bytes));
		expect(system.id).toBe(`${base}/oparl/v1.1`);
		// elsewhere, the stale session cookie is cleared: the OParl path really does not read it
		expect((await get('/', { headers: { cookie: 'sid=abgelaufen' } })).headers.get('set-cookie')).toContain('sid=');
		const body = (await (await get(system.body)).json()).data[0];
		const meetings = await (await get(body.meeting)).json();
		expect(meetings.data.length).toBeGreaterThan(0);
		expect(meetings.pagination.totalElements).toBeGreaterThan(0);
	});

	it('answers errors as OParl error objects with an error status', async () => {
		for (const [path, status] of [
			['/oparl/v1.1/meeting/999999999', 404],
			['/oparl/v1.1/meeting/abc', 404],
			['/oparl/v1.1/gibtsnicht/1', 404],
			['/oparl/v1.1/body/partheland/meeting?modified_since=gestern', 400],
			['/oparl/v1.1/body/partheland/paper?limit=0x10', 400]
		] as const) {
			const res = await get(path);
			expect(res.status, path).toBe(status);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			const error = await res.json();
			expect(error.type).toBe('https://schema.oparl.org/1.1/Error');
			expect(typeof error.message).toBe('string');
			expect(JSON.stringify(error)).not.toMatch(/at .*\.(ts|js):\d+/);
		}
	});
});

describe('open data downloads and catalogue', () => {
	it('serves the DCAT-AP.de catalogue in both formats, and every distribution it names downloads', async () => {
		const ttl = await get('/opendaten/catalog.ttl');
		expect(ttl.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
		expect(await ttl.text()).toContain('dcat:Catalog');
		const res = await get('/opendaten/catalog.jsonld');
		expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
		const graph = (await res.json())['@graph'] as { '@type'?: string[]; 'dcat:downloadURL'?: { '@id': string }[] }[];
		const urls = graph.flatMap((n) => (n['@type']?.includes('dcat:Distribution') ? n['dcat:downloadURL']!.map((u) => u['@id']) : []));
		expect(urls.length).toBeGreaterThan(36);
		for (const url of urls) {
			const download = await get(url);
			expect(download.status, url).toBe(200);
			expect(download.headers.get('content-disposition'), url).toMatch(/^attachment; filename="[a-z-]+\.(csv|json|geojson)"$/);
			expect(download.headers.get('access-control-allow-origin')).toBe('*');
			const text = await download.text();
			if (url.endsWith('.csv')) expect(text.split('\r\n')[0]).toMatch(/^[a-z_]+(,[a-z_]+)*$/);
			else expect(() => JSON.parse(text), url).not.toThrow();
		}
		expect((await get('/opendaten/daten/massnahmen.geojson')).status).toBe(404);
		expect((await get('/opendaten/gibtsnicht')).status).toBe(404);
	});
});

describe.skipIf(!browserEnabled)('open data in the browser', () => {
	const browser = useBrowser();

	it('lists the datasets, documents one and the interfaces; the pages pass axe and load nothing from elsewhere', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/opendaten`);
		expect(await axe(page)).toEqual([]);
		await page.getByRole('link', { name: 'Gemeinsame Maßnahmen', exact: true }).click();
		await page.waitForURL(`${base}/opendaten/massnahmen`);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Gemeinsame Maßnahmen');
		expect(await page.getByRole('row', { name: /cost_shares/ }).textContent()).toContain('Anteil jeder Kommune');
		expect(await axe(page)).toEqual([]);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^CSV ?: Gemeinsame Maßnahmen$/ }).click()]);
		expect(download.suggestedFilename()).toBe('massnahmen.csv');

		await page.goto(`${base}/api`);
		expect(await axe(page)).toEqual([]);
		// every example request on the page works against this installation
		const examples = await page.locator('article.operation a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
		expect(examples.length).toBeGreaterThan(15);
		for (const href of examples) expect((await get(href)).status, href).toBe(200);
		expect(problems).toEqual([]);
		await context.close();
	});
});
