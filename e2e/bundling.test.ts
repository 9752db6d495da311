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

async function postPlan(page: Page, municipality: string | null, subject: string, value: string) {
	await page.goto(`${base}/verwaltung/buendelung`);
	if (municipality) await page.getByLabel('Kommune').selectOption({ label: municipality });
	await page.getByLabel('Vorhaben', { exact: true }).fill(subject);
	await page.getByLabel(/CPV-Abteilung/).fill('30');
	await page.getByLabel('Zeitraum von').fill('2027-01-01');
	await page.getByLabel('bis').fill('2027-06-30');
	await page.getByLabel(/Geschätzter Wert/).fill(value);
	await page.getByRole('button', { name: 'Eintragen' }).click();
	await page.getByText('Das Vorhaben ist eingetragen.').waitFor();
}

describe.skipIf(!browserEnabled)('Bündelung in the browser', () => {
	const browser = useBrowser();

	it('two municipalities post similar purchases; the proposal is taken up and becomes a joint measure', async () => {
		const stamp = Date.now() % 100000;
		const borsdorf = await openContext(browser(), base);
		const b = await borsdorf.context.newPage();
		await signIn(b, base, 'admin.borsdorf@partheland.example');
		await postPlan(b, null, `Notebooks für die Verwaltung ${stamp}`, '60.000');
		expect(await axe(b)).toEqual([]);

		const naunhof = await openContext(browser(), base);
		const n = await naunhof.context.newPage();
		await signIn(n, base, 'vg.naunhof@partheland.example');
		// a value left out: refused, what was typed stays
		await n.goto(`${base}/verwaltung/buendelung`);
		await n.getByLabel('Vorhaben', { exact: true }).fill(`Notebooks Verwaltung ${stamp}`);
		await n.getByRole('button', { name: 'Eintragen' }).click();
		await n.getByRole('alert').getByText(/Zeitraum/).waitFor();
		expect(await n.getByLabel('Vorhaben', { exact: true }).inputValue()).toBe(`Notebooks Verwaltung ${stamp}`);
		await postPlan(n, 'Naunhof', `Notebooks Verwaltung ${stamp}`, '200.000');

		const proposal = n.locator('article.proposal', { hasText: `Notebooks für die Verwaltung ${stamp}` });
		await proposal.getByText('über dem EU-Schwellenwert').waitFor();
		await proposal.getByRole('button', { name: 'Vorschlag aufgreifen' }).click();
		await n.getByText('Der Vorschlag ist aufgegriffen').waitFor();
		const bundle = n.locator('article.bundle', { hasText: `Notebooks Verwaltung ${stamp}` });
		await bundle.getByLabel('Beitrag').fill('Naunhof übernimmt die Ausschreibung.');
		await bundle.getByRole('button', { name: 'Beitrag senden' }).click();
		await n.locator('article.bundle', { hasText: 'Naunhof übernimmt die Ausschreibung.' }).waitFor();
		expect(await axe(n)).toEqual([]);
		const again = n.locator('article.bundle', { hasText: 'Naunhof übernimmt die Ausschreibung.' });
		await again.getByText('Als gemeinsame Maßnahme anlegen').click();
		await again.getByLabel('Federführung').selectOption({ label: 'Naunhof' });
		await again.getByRole('button', { name: 'Maßnahme anlegen (intern)' }).click();
		await n.waitForURL(/\/verwaltung\/kooperation\/\d+\?neu$/);
		await n.getByText('intern').first().waitFor();
		await n.getByRole('heading', { level: 1, name: /Gemeinsame Beschaffung: Notebooks/ }).waitFor();
		expect(borsdorf.problems).toEqual([]);
		expect(naunhof.problems).toEqual([]);
		await borsdorf.context.close();
		await naunhof.context.close();
	});
});
