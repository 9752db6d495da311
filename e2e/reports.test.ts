import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { linkFromOutbox, signIn } from './people.ts';
import { BORSDORF, labelPoint } from './region.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A point inside a member, as the browser's geolocation gives it. */
async function located(ags: string) {
	const { lon, lat } = await labelPoint(base, ags);
	return { latitude: lat, longitude: lon };
}

/** A phone photo with a GPS position in its metadata, as a file on disk. */
async function photoWithGps(file: string) {
	await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#6d8f3a' } })
		.jpeg()
		.withExif({ IFD0: { Artist: 'Handy von Erika' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 20/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 32/1 0/1' } })
		.toFile(file);
	return file;
}

describe.skipIf(!browserEnabled)('Anliegen in the browser', () => {
	const browser = useBrowser();

	it('a citizen reports with a photo, confirms by e-mail; Borsdorf releases the photo and closes it; the citizen sees the timeline', async () => {
		const email = `anwohnerin.${Date.now()}@example.org`;
		const position = await located(BORSDORF);
		const { context, problems } = await openContext(browser(), base);
		await context.grantPermissions(['geolocation']);
		await context.setGeolocation(position);
		const page = await context.newPage();

		await page.goto(`${base}/`);
		await page.getByRole('link', { name: 'Anliegen', exact: true }).first().click();
		await page.getByRole('link', { name: 'Anliegen melden' }).first().click();
		expect(await axe(page)).toEqual([]);
		await page.getByLabel(/Straßenbeleuchtung/).check();
		await page.getByRole('button', { name: 'Weiter' }).click();
		await page.locator('.picker .maplibregl-canvas').waitFor();
		await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
		await page.getByText('Zuständig: Borsdorf').waitFor();
		await page.getByLabel(/Nummer am Laternenmast/).fill('L-0815');
		await page.locator('#description').fill('Die Laterne flackert seit Tagen und geht nachts ganz aus.');
		await page.locator('#email').fill(email);
		await page.setInputFiles('#photos', await photoWithGps(`${fs.mkdtempSync('/tmp/pl-photo-')}/laterne.jpg`));
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Anliegen senden' }).click();
		await page.getByText('Bitte bestätigen Sie Ihr Anliegen').waitFor();
		const id = new URL(page.url()).searchParams.get('nr');
		expect(id).toMatch(/^\d+$/);

		// not public before the confirmation
		expect((await fetch(`${base}/anliegen/${id}`)).status).toBe(404);
		const link = await linkFromOutbox(browser(), base, email, '/anliegen/bestaetigen/');
		await page.goto(link);
		await page.getByRole('button', { name: 'Anliegen bestätigen' }).click();
		await page.getByText('Ihr Anliegen ist bei Borsdorf eingegangen').waitFor();
		expect(await page.getByText('Beschreibung wird noch geprüft.').count()).toBe(1);
		expect(await page.locator('img').count()).toBe(0); // the photo waits for release
		expect(await page.content()).not.toContain(email);

		// Staff of Naunhof do not get it; Borsdorf's editor does
		const naunhof = await openContext(browser(), base);
		const other = await naunhof.context.newPage();
		await signIn(other, base, 'admin.naunhof@partheland.example');
		expect((await other.goto(`${base}/verwaltung/anliegen/${id}`))!.status()).toBe(403);
		await naunhof.context.close();
		const staff = await openContext(browser(), base);
		const office = await staff.context.newPage();
		await signIn(office, base, 'admin.borsdorf@partheland.example');
		await office.goto(`${base}/verwaltung/anliegen`);
		await office.getByRole('link', { name: id! }).click();
		await office.getByText(email).waitFor();
		await office.getByText('L-0815').waitFor();
		expect(await axe(office)).toEqual([]);
		// the stored photo has no metadata left
		const photoUrl = await office.locator('.photos a').first().getAttribute('href');
		const stored = Buffer.from(await (await office.request.get(`${base}${photoUrl}`)).body());
		const meta = await sharp(stored).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.exif).toBeUndefined();
		expect(stored.toString('latin1')).not.toContain('Erika');
		// the public cannot fetch the unreleased photo
		expect((await fetch(`${base}${photoUrl}`)).status).toBe(404);

		await office.getByLabel('Öffentlicher Text').fill('Die Laterne flackert und geht nachts aus.');
		await office.getByRole('radio', { name: 'veröffentlichen' }).check();
		await office.getByRole('button', { name: 'Freigabe speichern' }).click();
		await office.getByText('Freigabe gespeichert.').waitFor();
		await office.waitForLoadState('networkidle'); // hydrated: the template fills the message in the browser
		await office.getByLabel('Textbaustein').selectOption({ label: 'Erledigt (erledigt)' });
		expect(await office.getByLabel('Öffentliche Nachricht').inputValue()).toContain('Das Problem ist behoben');
		await office.getByRole('button', { name: 'Status speichern' }).click();
		await office.getByText('Gespeichert; die meldende Person wird per E-Mail informiert.').waitFor();
		await staff.context.close();

		const statusMail = await linkFromOutbox(browser(), base, email, `/anliegen/${id}`);
		await page.goto(statusMail);
		await page.getByText('Die Laterne flackert und geht nachts aus.').waitFor();
		const timeline = await page.locator('.timeline li').allTextContents();
		expect(timeline).toHaveLength(2);
		expect(timeline[0]).toContain('Eingegangen bei Borsdorf');
		expect(timeline[1]).toContain('Status: erledigt');
		expect(timeline[1]).toContain('Das Problem ist behoben');
		const img = page.locator('.photos img');
		expect(await img.count()).toBe(1);
		expect((await fetch(`${base}${await img.getAttribute('src')}`)).status).toBe(200);
		expect(await axe(page)).toEqual([]);
		// the public list and its map source carry it, without any personal datum
		await page.goto(`${base}/anliegen?kommune=borsdorf&status=erledigt`);
		await page.getByRole('link', { name: new RegExp(`Nr. ${id}`) }).waitFor();
		const geojson = await (await fetch(`${base}/anliegen/karte.geojson?kommune=borsdorf`)).text();
		expect(geojson).toContain(`"id":${id}`);
		expect(geojson).not.toContain(email);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('works without JavaScript: municipality, Ortsteil and place instead of the map', async () => {
		const { context, problems } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, base, 'buerger@partheland.example');
		await page.goto(`${base}/anliegen/neu`);
		await page.getByLabel(/Illegale Müllablagerung/).check();
		await page.getByRole('button', { name: 'Weiter' }).click();
		await page.getByText('Ohne Karte').waitFor();
		// nothing filled: the errors are named, nothing is stored
		await page.getByRole('button', { name: 'Anliegen senden' }).click();
		await page.locator('.notice.error').waitFor();
		await page.getByLabel('Kommune').selectOption({ label: 'Naunhof' });
		await page.getByLabel('Beschreibung des Ortes').fill('Waldweg hinter dem Sportplatz');
		await page.getByLabel('Sperrmüll').check();
		await page.getByLabel('Reifen').check();
		await page.locator('#description').fill('Jemand hat alte Möbel und vier Reifen abgeladen.');
		await page.getByRole('button', { name: 'Anliegen senden' }).click();
		// a verified account needs no confirmation
		await page.getByText('Ihr Anliegen ist bei Naunhof eingegangen').waitFor();
		expect(await page.getByText('ohne Kartenpunkt').count()).toBeGreaterThan(0);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('refuses a point outside the region and names where it lies', async () => {
		const { context, problems } = await openContext(browser(), base);
		await context.grantPermissions(['geolocation']);
		await context.setGeolocation({ latitude: 51.3397, longitude: 12.3731 }); // Leipzig
		const page = await context.newPage();
		await page.goto(`${base}/anliegen/neu?kategorie=sonstiges`);
		await page.locator('.picker .maplibregl-canvas').waitFor();
		await page.getByRole('button', { name: 'Meinen Standort verwenden' }).click();
		await page.getByText(/liegt in Leipzig \(Kreisfreie Stadt Leipzig\)/).waitFor();
		await page.locator('#description').fill('Test außerhalb der Region, bitte ignorieren.');
		await page.locator('#email').fill('aussen@example.org');
		await page.getByRole('button', { name: 'Anliegen senden' }).click();
		await page.locator('.notice.error').getByText(/außerhalb von Partheland/).waitFor();
		expect(await page.locator('#description').inputValue()).toBe('Test außerhalb der Region, bitte ignorieren.');
		expect(problems).toEqual([]);
		await context.close();
	});

	it('staff working for two municipalities handle both from one inbox', async () => {
		// one report each for Naunhof and Belgershain, signed in as a verified citizen (no confirmation)
		const { context } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, base, 'buerger@partheland.example');
		for (const name of ['Naunhof', 'Belgershain']) {
			await page.goto(`${base}/anliegen/neu?kategorie=spielplaetze`);
			await page.getByLabel('Kommune').selectOption({ label: name });
			await page.getByLabel('Beschreibung des Ortes').fill(`Spielplatz in ${name}`);
			await page.locator('#description').fill(`Die Schaukel in ${name} ist kaputt.`);
			await page.getByRole('button', { name: 'Anliegen senden' }).click();
			await page.getByText(`Ihr Anliegen ist bei ${name} eingegangen`).waitFor();
		}
		await context.close();

		const vg = await openContext(browser(), base);
		const office = await vg.context.newPage();
		await signIn(office, base, 'vg.naunhof@partheland.example');
		await office.goto(`${base}/verwaltung/anliegen?kategorie=spielplaetze`);
		const rows = await office.locator('tbody tr').allTextContents();
		expect(rows.some((r) => r.includes('Naunhof'))).toBe(true);
		expect(rows.some((r) => r.includes('Belgershain'))).toBe(true);
		expect(rows.some((r) => r.includes('Borsdorf'))).toBe(false);
		await office.getByLabel('Kommune').selectOption({ label: 'Belgershain' });
		await office.getByRole('button', { name: 'Filtern' }).click();
		await office.waitForURL(/kommune=14729020/);
		expect((await office.locator('tbody tr').allTextContents()).every((r) => r.includes('Belgershain'))).toBe(true);
		// a saved view comes back as a link
		await office.getByLabel('Diese Auswahl als Ansicht speichern').fill('Spielplätze Belgershain');
		await office.getByRole('button', { name: 'Speichern' }).click();
		await office.getByRole('link', { name: 'Spielplätze Belgershain' }).waitFor();
		// a municipality outside the actor's scope in the address bar does not widen it
		await office.goto(`${base}/verwaltung/anliegen?kommune=${BORSDORF}&status=alle`);
		expect((await office.locator('tbody tr').allTextContents()).some((r) => r.includes('Borsdorf'))).toBe(false);
		expect(vg.problems).toEqual([]);
		await vg.context.close();
	});
});

describe.skipIf(!browserEnabled)('Anliegen: supports, questions, counter, statistics (browser)', () => {
	const browser = useBrowser();

	it('staff enter a report from the phone, ask the caller, who answers; a neighbour supports it without JavaScript', async () => {
		const staff = await openContext(browser(), base);
		const office = await staff.context.newPage();
		await signIn(office, base, 'vg.naunhof@partheland.example');
		await office.goto(`${base}/verwaltung/anliegen`);
		await office.getByRole('link', { name: 'Anliegen erfassen (Telefon, Schalter)' }).click();
		await office.waitForURL(/\/verwaltung\/anliegen\/neu$/);
		await office.getByLabel('Kategorie').selectOption({ label: 'Straßenbeleuchtung' });
		await office.getByRole('button', { name: 'Weiter' }).click();
		await office.waitForURL(/kategorie=strassenbeleuchtung/);
		await office.getByLabel('Kommune').selectOption({ label: 'Parthenstein' });
		await office.getByLabel('Beschreibung des Ortes').fill('Dorfstraße vor der Kirche');
		await office.locator('#description').fill('Anruf: Laterne vor der Kirche brennt auch tagsüber.');
		const caller = `anrufer.${Date.now()}@example.org`;
		await office.locator('main #email').fill(caller);
		await office.getByRole('button', { name: 'Anliegen erfassen' }).click();
		await office.waitForURL(/\/verwaltung\/anliegen\/\d+$/);
		const id = office.url().split('/').pop()!;
		await office.getByText('Telefon/Schalter (erfasst von der Verwaltung)').waitFor();
		await office.getByLabel('Frage (geht nur an die meldende Person, nicht öffentlich)').fill('Brennt sie auch am Wochenende?');
		await office.getByRole('button', { name: 'Frage senden' }).click();
		await office.getByText('Die Frage ist per E-Mail unterwegs').waitFor();

		const answerLink = await linkFromOutbox(browser(), base, caller, '/anliegen/antwort/');
		const { context } = await openContext(browser(), base, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(answerLink);
		await page.getByText('Brennt sie auch am Wochenende?').waitFor();
		await page.getByLabel('Ihre Antwort').fill('Ja, jeden Tag.');
		await page.getByRole('button', { name: 'Antwort senden' }).click();
		await page.getByText('Ihre Antwort ist beim Anliegen gespeichert').waitFor();
		await office.reload();
		await office.getByText('Ja, jeden Tag.').waitFor();

		// a neighbour finds it and supports it instead of reporting again
		const neighbour = `nachbar.${Date.now()}@example.org`;
		await page.goto(`${base}/anliegen/${id}`);
		await page.locator('main #email').fill(neighbour);
		await page.getByLabel('Mich per E-Mail über Änderungen informieren').check();
		await page.getByRole('button', { name: 'Anliegen unterstützen' }).click();
		await page.getByText('Wir haben Ihnen einen Link zur Bestätigung geschickt').waitFor();
		await page.goto(await linkFromOutbox(browser(), base, neighbour, '/anliegen/unterstuetzen/'));
		await page.getByRole('button', { name: 'Unterstützung bestätigen' }).click();
		await page.getByText('Ihre Unterstützung ist gezählt').waitFor();
		await page.getByText('1 Personen unterstützen dieses Anliegen.').waitFor();
		await context.close();
		await staff.context.close();
	});

	it('shows the statistics as tables, publicly and in the back office', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/anliegen`);
		await page.getByRole('link', { name: 'Statistik' }).click();
		await page.getByRole('heading', { name: 'Nach Kommune' }).waitFor();
		const rows = await page.locator('#stat-kommunen ~ .scroll tbody tr, section:has(#stat-kommunen) tbody tr').allTextContents();
		expect(rows.some((r) => r.includes('Borsdorf'))).toBe(true);
		expect(await axe(page)).toEqual([]);
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.goto(`${base}/verwaltung/anliegen/statistik`);
		await page.getByRole('heading', { name: 'Nach Kategorie' }).waitFor();
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});
});
