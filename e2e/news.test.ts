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

describe.skipIf(!browserEnabled)('Nachrichten in the browser', () => {
	const browser = useBrowser();
	const title = `Naunhof baut einen neuen Spielplatz ${Date.now() % 100000}`;

	it('an editor writes a draft, then publishes it; guests read it on the list, its page and the feeds', async () => {
		const office = await openContext(browser(), base);
		const page = await office.context.newPage();
		await signIn(page, base, 'admin.naunhof@partheland.example');
		await page.goto(`${base}/verwaltung/nachrichten`);
		await page.getByRole('link', { name: 'Neue Nachricht' }).click();
		await page.getByLabel('Überschrift').fill(title);
		// refused first: no summary; what was typed stays
		await page.getByLabel(/^Text/).fill('Am Stadtpark entsteht bis zum Sommer ein **Spielplatz** für alle Altersgruppen.');
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByRole('alert').getByText(/Kurzfassung|fassen Sie/).waitFor();
		expect(await page.getByLabel('Überschrift').inputValue()).toBe(title);
		await page.getByLabel(/^Kurzfassung/).fill('Der Stadtrat hat den Bau eines neuen Spielplatzes am Stadtpark beschlossen.');
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByText('Die Nachricht ist gespeichert.').waitFor();
		expect(await axe(page)).toEqual([]);
		// a draft is not public
		expect((await (await fetch(`${base}/nachrichten`)).text()).includes(title)).toBe(false);
		await page.getByLabel(/veröffentlicht – sofort/).check();
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByText('Die Nachricht ist gespeichert.').waitFor();
		await page.getByRole('link', { name: 'Öffentliche Seite' }).waitFor();
		expect(office.problems).toEqual([]);
		await office.context.close();

		const { context, problems } = await openContext(browser(), base);
		const guest = await context.newPage();
		await guest.goto(`${base}/nachrichten?kommune=naunhof`);
		await guest.getByRole('link', { name: title }).click();
		await guest.getByRole('heading', { level: 1, name: title }).waitFor();
		await guest.locator('.body strong', { hasText: 'Spielplatz' }).waitFor();
		expect(await axe(guest)).toEqual([]);
		const ld = JSON.parse((await guest.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: title });
		await guest.goto(`${base}/nachrichten`);
		expect(await axe(guest)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();

		const rss = await fetch(`${base}/kommunen/naunhof/nachrichten/rss.xml`);
		expect(rss.headers.get('content-type')).toMatch(/application\/rss\+xml/);
		expect(await rss.text()).toContain(title);
		expect(await (await fetch(`${base}/nachrichten/atom.xml?kommune=borsdorf`)).text()).not.toContain(title);
		const api = (await (await fetch(`${base}/api/v1/news?municipality=14729300`)).json()) as { data: { title: string; municipality: string }[] };
		expect(api.data.find((n) => n.title === title)).toMatchObject({ municipality: '14729300' });
	});
});
