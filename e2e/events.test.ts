import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A Berlin day some weeks ahead, as the date inputs take it. */
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserEnabled)('Veranstaltungen in the browser', () => {
	const browser = useBrowser();
	const title = `Kinderflohmarkt am Rathaus ${Date.now() % 100000}`;
	const day = ahead(20);

	it('a club submits an event, the editor returns it, the club corrects it and the editor publishes it', async () => {
		const club = await openContext(browser(), base);
		const page = await club.context.newPage();
		await signIn(page, base, 'verein.borsdorf@partheland.example');
		await page.goto(`${base}/veranstaltungen/meine`);
		await page.getByRole('link', { name: 'Veranstaltung einreichen' }).click();
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel(/^Beschreibung/).fill('Kinder verkaufen Spielzeug und Bücher. **Standgebühr**: ein Kuchen.');
		await page.getByLabel('Familie').check();
		await page.getByLabel('Beginn (Tag)').fill(day);
		await page.getByLabel('Uhrzeit', { exact: true }).first().fill('10:00');
		await page.getByRole('textbox', { name: /^Ort/ }).fill('Rathausplatz');
		// refused first: the rights are not confirmed; what was typed stays
		await page.getByRole('button', { name: 'Einreichen' }).click();
		await page.getByRole('alert').getByText(/Rechte an Text und Bild/).waitFor();
		expect(await page.getByLabel('Titel').inputValue()).toBe(title);
		expect(await page.getByLabel('Familie').isChecked()).toBe(true);
		await page.getByLabel(/Ich habe die Rechte/).check();
		await page.getByRole('button', { name: 'Einreichen' }).click();
		await page.getByText('Eingereicht.', { exact: false }).waitFor();
		await page.getByText('wartet auf Prüfung').first().waitFor();
		expect(await axe(page)).toEqual([]);
		// not public before the review
		expect((await (await fetch(`${base}/veranstaltungen?kategorie=familie`)).text()).includes(title)).toBe(false);

		const office = await openContext(browser(), base);
		const editor = await office.context.newPage();
		// Borsdorf's admin is its editor too (the editor's own sign-in is locked by the accounts test's lock-out check)
		await signIn(editor, base, 'admin.borsdorf@partheland.example');
		await editor.goto(`${base}/verwaltung/veranstaltungen?status=submitted`);
		await editor.getByRole('link', { name: title }).click();
		await editor.getByLabel('Was soll der Veranstalter ändern?').fill('Bitte das Ende angeben.');
		await editor.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
		await editor.getByText('Entschieden; der Veranstalter ist benachrichtigt.').waitFor();
		expect(await axe(editor)).toEqual([]);

		await page.goto(`${base}/veranstaltungen/meine`);
		await page.getByText('Hinweis der Redaktion: Bitte das Ende angeben.').waitFor();
		await page.getByRole('link', { name: title }).click();
		await page.getByLabel(/^Uhrzeit/).nth(1).fill('14:00');
		await page.getByLabel(/Ich habe die Rechte/).check();
		await page.getByRole('button', { name: 'Erneut einreichen' }).click();
		await page.getByText('Eingereicht.', { exact: false }).waitFor();
		expect(club.problems).toEqual([]);
		await club.context.close();

		await editor.goto(`${base}/verwaltung/veranstaltungen?status=submitted`);
		await editor.getByRole('link', { name: title }).click();
		await editor.getByRole('button', { name: 'Veröffentlichen' }).click();
		await editor.getByText('Entschieden; der Veranstalter ist benachrichtigt.').waitFor();
		await editor.getByText('veröffentlicht', { exact: true }).waitFor();
		expect(office.problems).toEqual([]);
		await office.context.close();
	});

	it('a guest finds it by category, reads it and downloads it for the calendar; the pages pass axe', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/veranstaltungen`);
		expect(await axe(page)).toEqual([]);
		await page.getByLabel('Kategorie').selectOption({ label: 'Familie' });
		await page.getByLabel('Kommune').selectOption({ label: 'Borsdorf' });
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await page.waitForURL(/kategorie=familie/);
		await page.getByRole('link', { name: title }).click();
		await page.getByRole('heading', { level: 1, name: title }).waitFor();
		await page.getByText(/10:00–14:00/).first().waitFor();
		expect(await axe(page)).toEqual([]);
		const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(ld).toMatchObject({ '@type': 'Event', name: title, isAccessibleForFree: true, location: { '@type': 'Place', name: 'Rathausplatz' } });
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'In meinen Kalender' }).click()]);
		const ics = fs.readFileSync((await download.path())!, 'utf8');
		const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
		expect(vevent.getFirstPropertyValue('summary')).toBe(title);
		expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
		expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe(`${day}T10:00:00`);

		// the month view and the week view list it on its day, without JavaScript too
		await page.goto(`${base}/veranstaltungen?ansicht=monat&datum=${day}&kategorie=familie`);
		await page.getByRole('link', { name: title }).waitFor();
		expect(await axe(page)).toEqual([]);
		const response = await fetch(`${base}/veranstaltungen.ics?kategorie=familie`);
		expect(await response.text()).toContain(`SUMMARY:${title}`);
		// a calendar program polling an unchanged feed gets 304 without the body
		const etag = response.headers.get('etag')!;
		expect((await fetch(`${base}/veranstaltungen.ics?kategorie=familie`, { headers: { 'if-none-match': etag } })).status).toBe(304);
		expect(await (await fetch(`${base}/kommunen/naunhof/veranstaltungen.ics`)).text()).not.toContain(title);
		const api = (await (await fetch(`${base}/api/v1/events?from=${day}&to=${day}&category=familie`)).json()) as { data: { title: string; free: boolean }[] };
		expect(api.data.find((e) => e.title === title)).toMatchObject({ free: true });
		expect(problems).toEqual([]);
		await context.close();
	});
});
