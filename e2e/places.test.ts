import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!browserEnabled)('Orte in the browser', () => {
	const browser = useBrowser();
	const name = `Kulturscheune Naunhof ${Date.now() % 100000}`;

	it('an editor enters a place with opening hours; guests find it by category with its week table', async () => {
		const office = await openContext(browser(), base);
		const page = await office.context.newPage();
		await signIn(page, base, 'admin.naunhof@partheland.example');
		await page.goto(`${base}/verwaltung/orte`);
		await page.getByRole('link', { name: 'Neuer Ort' }).click();
		await page.getByLabel('Name').fill(name);
		await page.getByLabel('Kategorie').selectOption({ label: 'Kultur & Museum' });
		await page.getByLabel(/^Beschreibung/).fill('Konzerte, Lesungen und Ausstellungen in einer alten Scheune.');
		await page.getByLabel(/^Breitengrad/).fill('51.2778');
		await page.getByLabel(/^Längengrad/).fill('12.5889');
		// refused first: hours not in the OpenStreetMap syntax; the typed name stays
		await page.getByLabel(/^Öffnungszeiten/).fill('dienstags bis sonntags');
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByRole('alert').getByText(/OpenStreetMap-Format/).waitFor();
		expect(await page.getByLabel('Name').inputValue()).toBe(name);
		await page.getByLabel(/^Öffnungszeiten/).fill('Tu-Su 10:00-18:00; PH off');
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByText('Der Ort ist gespeichert.').waitFor();
		expect(await axe(page)).toEqual([]);
		expect(office.problems).toEqual([]);
		await office.context.close();

		const { context, problems } = await openContext(browser(), base);
		const guest = await context.newPage();
		await guest.goto(`${base}/orte`);
		expect(await axe(guest)).toEqual([]);
		await guest.getByLabel('Kategorie').selectOption({ label: 'Kultur & Museum' });
		await guest.getByRole('button', { name: 'Anzeigen' }).click();
		await guest.waitForURL(/kategorie=kultur/);
		await guest.getByRole('link', { name }).click();
		await guest.getByRole('heading', { level: 1, name }).waitFor();
		const rows = await guest.locator('section[aria-labelledby="zeiten"] tbody tr').allTextContents();
		expect(rows).toHaveLength(7);
		expect(rows.some((r) => r.includes('10:00–18:00'))).toBe(true);
		expect(await axe(guest)).toEqual([]);
		const ld = JSON.parse((await guest.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({ '@type': 'Place', name, openingHours: 'Tu-Su 10:00-18:00; PH off' });
		expect(problems).toEqual([]);
		await context.close();

		const api = (await (await fetch(`${base}/api/v1/places?municipality=14729300&category=kultur`)).json()) as { features: { properties: { name: string; openingHours: string } }[] };
		expect(api.features.find((f) => f.properties.name === name)?.properties.openingHours).toBe('Tu-Su 10:00-18:00; PH off');
	});
});
