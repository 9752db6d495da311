import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { browserEnabled, holdScripts, openContext, useBrowser } from './browser.ts';

const base = inject('baseUrl');

describe.skipIf(!browserEnabled)('without JavaScript (browser)', () => {
	const browser = useBrowser();

	it('sends the barrier feedback form: error state first, then success', async () => {
		const { context, problems } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(base + '/barrierefreiheit');
		await page.getByLabel('Ihre Nachricht').fill('zu kurz');
		await page.getByRole('button', { name: 'Nachricht senden' }).click();
		await page.waitForLoadState();
		expect(await page.locator('.notice.error').textContent()).toContain('Bitte beschreiben Sie die Barriere');
		expect(await page.getByLabel('Ihre Nachricht').inputValue()).toBe('zu kurz');
		await page.getByLabel('Ihre Nachricht').fill('Die Tabelle der Kommunen ist auf dem Telefon schwer zu lesen.');
		await page.getByRole('button', { name: 'Nachricht senden' }).click();
		await page.waitForLoadState();
		expect(await page.getByRole('status').textContent()).toContain('Vielen Dank');
		expect(problems).toEqual([]);
		await context.close();
	});

	it('shows the list instead of the map and searches with a plain GET form', async () => {
		const { context, problems } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(base + '/');
		expect(await page.locator('.municipality-list li').count()).toBe(7);
		expect(await page.locator('.map canvas').count()).toBe(0);
		// only the no-script hint, no "loading" text that would never go away
		expect(await page.locator('.map .map-status').allTextContents()).toEqual(['Die Karte braucht JavaScript. Alle Angaben stehen auch in der Liste.']);
		await page.getByLabel('Suchbegriff').count(); // no search box on the home page: use the nav
		await page.getByRole('link', { name: 'Suche', exact: true }).click();
		await page.getByLabel('Suchbegriff').fill('Parthenstein');
		await page.getByRole('button', { name: 'Suchen' }).click();
		await page.waitForLoadState();
		expect(await page.locator('.hits h2').first().textContent()).toContain('Parthenstein');
		expect(problems).toEqual([]);
		await context.close();
	});
});

describe.skipIf(!browserEnabled)('before the page has hydrated (slow network)', () => {
	const browser = useBrowser();

	it('keeps what the visitor typed while the JavaScript was still loading', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		const hydrate = await holdScripts(page);
		// module scripts hold back DOMContentLoaded, so wait only for the HTML to be there
		await page.goto(base + '/barrierefreiheit', { waitUntil: 'commit' });
		await page.getByLabel('Ihre Nachricht').waitFor();
		await page.getByLabel('Ihre Nachricht').fill('Vor dem Laden getippt – das darf nicht verloren gehen.');
		await page.getByLabel('Ihre E-Mail-Adresse').fill('frueh@example.org');
		await hydrate();
		expect(await page.getByLabel('Ihre Nachricht').inputValue()).toBe('Vor dem Laden getippt – das darf nicht verloren gehen.');
		expect(await page.getByLabel('Ihre E-Mail-Adresse').inputValue()).toBe('frueh@example.org');
		expect(problems).toEqual([]);
		await context.close();
	});
	it('keeps what the visitor typed into a field the server fills in (ui/TextArea)', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		const hydrate = await holdScripts(page);
		await page.goto(`${base}/anliegen/neu?kategorie=strassenschaeden`, { waitUntil: 'commit' });
		await page.getByLabel(/Beschreibung des Ortes/).waitFor();
		await page.getByLabel(/Beschreibung des Ortes/).fill('Vor dem Laden: hinter der Bushaltestelle');
		await hydrate();
		expect(await page.getByLabel(/Beschreibung des Ortes/).inputValue()).toBe('Vor dem Laden: hinter der Bushaltestelle');
		expect(problems).toEqual([]);
		await context.close();
	});
	it('browses the calendar by month and the places by category with plain links and GET forms', async () => {
		const { context, problems } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${base}/veranstaltungen`);
		await page.getByRole('link', { name: 'Monat' }).click();
		await page.waitForURL(/ansicht=monat/);
		const month = (await page.locator('h2.period').textContent()) ?? '';
		await page.getByRole('link', { name: /Nächster Monat/ }).click();
		await page.waitForLoadState();
		expect(await page.locator('h2.period').textContent()).not.toBe(month);
		await page.getByLabel('Kategorie').selectOption({ label: 'Sport' });
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await page.waitForURL(/kategorie=sport/);
		// the repeating running group of the demo data is on every Tuesday of the month
		expect(await page.getByRole('link', { name: 'Lauftreff am Parthe-Ufer' }).count()).toBeGreaterThan(2);
		await page.goto(`${base}/orte`);
		await page.getByLabel('Kategorie').selectOption({ label: 'Bibliothek' });
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await page.waitForURL(/kategorie=bibliothek/);
		expect(await page.locator('.places h2').allTextContents()).toEqual(['Stadtbibliothek Brandis']);
		expect(await page.locator('.map canvas').count()).toBe(0);
		expect(problems).toEqual([]);
		await context.close();
	});
});
