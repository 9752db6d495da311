import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { publicRoutes } from './routes.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!browserEnabled)('accessibility crawl (axe, WCAG 2.1 AA)', () => {
	const browser = useBrowser();

	for (const locale of ['de', 'en'] as const) {
		it(`every public route in ${locale} has no violations and loads nothing from elsewhere`, async () => {
			const { context, problems } = await openContext(browser(), base, { locale });
			await context.addCookies([{ name: 'lang', value: locale, url: base }]);
			const page = await context.newPage();
			const violations: string[] = [];
			for (const route of publicRoutes()) {
				const res = await page.goto(base + route);
				expect(res?.status(), route).toBe(200);
				expect(await page.locator('html').getAttribute('lang'), route).toBe(locale);
				violations.push(...(await axe(page)));
			}
			expect(violations).toEqual([]);
			expect(problems).toEqual([]);
			await context.close();
			// about 40 routes, axe takes a second or more on each on two cores
		}, 180_000);
	}

	it('forms in their error state have no violations, and the error summary takes focus', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(base + '/barrierefreiheit');
		await page.getByLabel('Ihre E-Mail-Adresse').fill('nicht-gültig');
		await page.getByRole('button', { name: 'Nachricht senden' }).click();
		await page.locator('.notice.error').waitFor();
		expect(await page.evaluate(() => document.activeElement?.classList.contains('error'))).toBe(true);
		expect(await page.getByLabel('Ihre E-Mail-Adresse').inputValue()).toBe('nicht-gültig');
		expect(await axe(page)).toEqual([]);
		await page.goto(base + '/suche?q=' + 'x'.repeat(250));
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('is usable with the keyboard: skip link first, focus visible', async () => {
		const { context } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(base + '/kommunen');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
		await context.close();
	});
});
