import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { minimalPmtiles } from '../test/pmtiles.ts';

/** The self-hosted basemap: a PMTiles archive served by the platform, read by the map in ranges. */
let server: RunningServer;
const archive = minimalPmtiles();

beforeAll(async () => {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-basemap-')), 'grundkarte.pmtiles');
	fs.writeFileSync(file, archive);
	server = await startServer({ BASEMAP_PMTILES: file });
});
afterAll(async () => {
	await server?.stop();
	if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('self-hosted basemap', () => {
	it('is off unless configured', async () => {
		expect((await fetch(`${inject('baseUrl')}/karte/grundkarte.json`)).status).toBe(404);
		expect((await fetch(`${inject('baseUrl')}/karte/grundkarte.pmtiles`)).status).toBe(404);
	});

	it('serves a style pointing at the archive on this server', async () => {
		const style = await (await fetch(`${server.url}/karte/grundkarte.json`)).json();
		expect(style.sources.protomaps.url).toBe(`pmtiles://${server.url}/karte/grundkarte.pmtiles`);
		expect(style.glyphs).toBeUndefined();
	});

	it('serves the archive in byte ranges', async () => {
		const url = `${server.url}/karte/grundkarte.pmtiles`;
		const head = await fetch(url, { headers: { range: 'bytes=0-126' } });
		expect(head.status).toBe(206);
		expect(head.headers.get('content-range')).toBe(`bytes 0-126/${archive.length}`);
		const bytes = Buffer.from(await head.arrayBuffer());
		expect(bytes).toEqual(archive.subarray(0, 127));
		expect(bytes.subarray(0, 7).toString()).toBe('PMTiles');
		const whole = await fetch(url);
		expect(whole.status).toBe(200);
		expect(Buffer.from(await whole.arrayBuffer())).toEqual(archive);
		expect((await fetch(url, { headers: { range: `bytes=${archive.length}-` } })).status).toBe(416);
	});

	describe.skipIf(!browserEnabled)('in the browser', () => {
		const browser = useBrowser();

		it('draws the municipality on the basemap, loading nothing from elsewhere', async () => {
			const { context, problems } = await openContext(browser(), server.url);
			const page = await context.newPage();
			const archiveRequest = page.waitForRequest((r) => r.url().endsWith('/karte/grundkarte.pmtiles'));
			await page.goto(`${server.url}/kommunen/naunhof`);
			await archiveRequest;
			await page.locator('.map canvas').waitFor();
			await page.locator('.map .map-label').first().waitFor();
			expect(await page.locator('figcaption').first().textContent()).toContain('OpenStreetMap');
			await page.waitForTimeout(1000); // let the tile requests finish
			expect(problems).toEqual([]);
			await context.close();
		});
	});
});
