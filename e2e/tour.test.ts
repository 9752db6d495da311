import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { browserEnabled, openContext, useBrowser } from './browser.ts';

const base = inject('baseUrl');

describe.skipIf(!browserEnabled)('a newcomer’s tour (browser)', () => {
	const browser = useBrowser();

	it('finds the region, a municipality, the Leitbild and search, talking only to the platform', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(base + '/');
		await expect.poll(() => page.title()).toContain('Partheland');
		expect(await page.locator('html').getAttribute('lang')).toBe('de');
		await expect.poll(() => page.locator('.demo').textContent()).toContain('Demo-Daten');

		// the map draws with MapLibre, with HTML labels linking to each municipality
		await page.locator('.map canvas').waitFor({ timeout: 20_000 });
		await expect.poll(() => page.locator('.map .map-label').count()).toBe(7);

		await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kommunen' }).click();
		await page.waitForURL('**/kommunen');
		const rows = page.locator('table tbody tr');
		expect(await rows.count()).toBe(7);
		await page.getByRole('link', { name: 'Naunhof', exact: true }).first().click();
		await page.waitForURL('**/kommunen/naunhof');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stadt Naunhof');
		expect(await page.locator('.districts').textContent()).toContain('Fuchshain');

		await page.getByRole('link', { name: 'Leitbild', exact: true }).click();
		await page.waitForURL('**/leitbild');
		expect(await page.locator('.goals > li').count()).toBe(16);
		expect(await page.locator('.fields > li').count()).toBe(6);
		expect(await page.locator('#leitziel-2').textContent()).toContain('Handlungsfeld 1, Handlungsfeld 3, Handlungsfeld 6');
		expect(await page.getByText(/^Stand: /).count()).toBe(1);

		await page.getByRole('link', { name: 'English' }).click();
		await page.waitForURL('**/leitbild');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mission statement of Partheland');

		expect(problems).toEqual([]);
		await context.close();
	});

	it.each([
		['Massnahmen Klimaschutz', 'Handlungsfeld 3'],
		['Naunof', 'Naunhof'],
		['Grosspoesna', 'Großpösna'],
		['Fuchshain', 'Naunhof']
	])('search "%s" finds "%s"', async (query, expected) => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(base + '/suche');
		await page.getByLabel('Suchbegriff').fill(query);
		await page.getByRole('button', { name: 'Suchen' }).click();
		await page.waitForURL('**/suche?q=*');
		await page.getByRole('status').waitFor();
		const titles = await page.locator('.hits h2').allTextContents();
		expect(titles[0]).toContain(expected);
		expect(problems).toEqual([]);
		await context.close();
	});
});
