import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';
import { BORSDORF, NAUNHOF } from './region.ts';

const base = inject('baseUrl');
const BRANDIS = '14729070';
const shots = process.env.SCREENSHOTS_DIR;

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string) {
	if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

type MeasureJson = { id: number; title: string; leadMunicipality: string; participants: string[]; actionFields: number[]; goals: number[]; status: string; progress: number; budgetTotalCents: number; costShares: { municipality: string; amountCents: number }[] };

describe.skipIf(!browserEnabled)('Kooperation in the browser', () => {
	const browser = useBrowser();
	const title = `Digitales Bürgerbüro ${Date.now()}`;
	const secret = `Interne Haushaltsklausur ${Date.now()}`;
	let measureId = 0;

	it('a coordinator creates a measure in Handlungsfeld 5 led by Naunhof with two partners, a milestone, costs, an indicator value and a funding application', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');

		// a programme first, so the measure can apply to it
		await page.goto(`${base}/verwaltung`);
		await page.getByRole('navigation', { name: 'Bereiche der Verwaltung' }).getByRole('link', { name: 'Gemeinsame Maßnahmen' }).click();
		await page.waitForURL(/\/verwaltung\/kooperation$/);
		await page.getByRole('link', { name: 'Förderprogramme' }).click();
		await page.waitForURL(/programme$/);
		await page.getByLabel('Name des Programms').fill('Digitale Kommune Sachsen');
		await page.getByLabel('Fördermittelgeber').selectOption('land');
		await page.getByLabel(/Förderquote/).fill('75');
		await page.getByLabel(/Höchstbetrag/).fill('200.000,00');
		await page.getByLabel(/Fristen/).fill('2099-03-31 Stichtag Frühjahr');
		await page.getByLabel('5. Digitaler Wandel').check();
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Anlegen' }).click();
		await page.getByText('Das Förderprogramm ist angelegt.').waitFor();

		await page.goto(`${base}/verwaltung/kooperation/neu`);
		// refused first: nothing chosen, the typed title stays
		await page.getByLabel(/^Titel/).fill(title);
		await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByLabel(/^Titel/).inputValue()).toBe(title);
		await page.getByRole('alert').getByRole('link', { name: /mindestens ein Handlungsfeld/ }).waitFor();
		expect(await axe(page)).toEqual([]);

		await page.getByLabel(/^Beschreibung/).fill('Ein gemeinsames digitales Bürgerbüro: Anträge online, Termine für alle Kommunen.');
		await page.getByLabel(/Federführende Kommune/).selectOption(NAUNHOF);
		await page.locator('#participants').getByLabel('Borsdorf').check();
		await page.locator('#participants').getByLabel('Brandis').check();
		await page.getByLabel('5. Digitaler Wandel').check();
		await page.getByLabel('13. Offenes und transparentes Verwaltungshandeln').check();
		await page.getByLabel('Status').selectOption('in_progress');
		await page.getByLabel(/^Beginn/).fill('2026-01-01');
		await page.getByLabel(/^Ende/).fill('2027-12-31');
		await page.getByLabel(/^Name/).fill('Nora Naunhof');
		await page.getByLabel(/Funktionsadresse/).fill('digital@naunhof.example');
		await page.getByLabel('Leuchtturmprojekt', { exact: true }).check();
		await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
		await page.getByText('Die Maßnahme ist angelegt.').waitFor();
		measureId = Number(/kooperation\/(\d+)/.exec(page.url())![1]);

		await page.locator('#ms-title').fill('Pilotbetrieb in Naunhof');
		await page.locator('#ms-dueOn').fill('2026-06-30');
		await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
		await page.getByText('Meilenstein hinzugefügt.').waitFor();
		await page.locator('#ms-title').fill('Ausrollen in alle Kommunen');
		await page.locator('#ms-dueOn').fill('2099-09-30');
		await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
		await page.getByText('Meilenstein hinzugefügt.').waitFor();
		await page.getByRole('button', { name: 'Als erledigt markieren: Pilotbetrieb in Naunhof' }).click();
		await page.getByText('50 %', { exact: true }).waitFor();

		await page.locator('#cost-year').fill('2026');
		await page.locator('#cost-budget').fill('90.000,01');
		await page.locator('#cost-actual').fill('12.000');
		await page.getByRole('button', { name: 'Kosten speichern' }).click();
		await page.getByText('Kosten gespeichert.').waitFor();
		// equal shares of 9,000,001 cents: the extra cent to the lowest AGS (Borsdorf)
		await page.getByRole('row', { name: /Borsdorf\s+30\.000,01\s€/ }).waitFor();

		await page.locator('#ind-name').fill('Online-Anträge je Monat');
		await page.locator('#ind-unit').fill('Anzahl');
		await page.locator('#ind-baseline').fill('0');
		await page.locator('#ind-target').fill('500');
		await page.getByRole('button', { name: 'Indikator anlegen' }).click();
		await page.getByText('Indikator angelegt.').waitFor();
		await page.getByLabel('Datum').fill('2026-10-01');
		await page.getByLabel('Wert (Anzahl)').fill('120');
		await page.getByLabel('Quelle').fill('Portalstatistik');
		await page.getByRole('button', { name: 'Messwert speichern' }).click();
		await page.getByText('Messwert gespeichert.').waitFor();

		const application = page.locator('form[action="?/addApplication"]');
		await application.getByLabel('Förderprogramm').selectOption({ label: 'Digitale Kommune Sachsen' });
		await application.getByLabel(/Förderfähige Kosten/).fill('80.000');
		await application.getByLabel(/^Beantragt/).fill('60.000');
		await application.getByRole('button', { name: 'Antrag erfassen' }).click();
		await page.getByText('Förderantrag gespeichert.').waitFor();
		await page.getByRole('heading', { name: /Digitale Kommune Sachsen\s+in Vorbereitung/ }).waitFor();
		// a document, checked by its content; the percentages must add up
		const pdf = `${fs.mkdtempSync('/tmp/pl-doc-')}/konzept.pdf`;
		fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		await page.locator('#doc-title').fill('Konzept Bürgerbüro');
		await page.setInputFiles('#doc-file', pdf);
		await page.getByRole('button', { name: 'Hochladen' }).click();
		await page.getByText('Dokument gespeichert.').waitFor();
		await page.getByLabel('nach vereinbarten Prozentanteilen').check();
		await page.getByLabel('Borsdorf (%)').fill('50');
		await page.getByLabel('Brandis (%)').fill('20');
		await page.getByLabel('Naunhof (%)').fill('20');
		await page.getByRole('button', { name: 'Schlüssel speichern' }).click();
		await page.getByRole('alert').getByText('Die Anteile müssen zusammen genau 100 % ergeben.').waitFor();
		expect(await page.getByLabel('Borsdorf (%)').inputValue()).toBe('50');
		expect(await axe(page)).toEqual([]);
		await shot(page, 'kooperation-verwaltung');

		// an internal measure of Borsdorf and Naunhof, which the public must never see
		await page.goto(`${base}/verwaltung/kooperation/neu`);
		await page.getByLabel(/^Titel/).fill(secret);
		await page.getByLabel(/^Beschreibung/).fill('Abstimmung der Haushaltsansätze, noch nicht öffentlich.');
		await page.getByLabel(/Federführende Kommune/).selectOption(BORSDORF);
		await page.getByLabel('5. Digitaler Wandel').check();
		await page.getByLabel('13. Offenes und transparentes Verwaltungshandeln').check();
		await page.getByLabel(/intern \(nur Koordinierungsstelle/).check();
		await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
		await page.getByText('Die Maßnahme ist angelegt.').waitFor();
		expect(problems).toEqual([]);
		await context.close();
	});

	it('a participating municipality adds an update but does not steer the measure', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.goto(`${base}/verwaltung/kooperation/${measureId}`);
		await page.getByText('Diese Maßnahme steuern die Koordinierungsstelle und die federführende Kommune.').waitFor();
		expect(await page.locator('form[action="?/save"]').count()).toBe(0);
		await page.getByLabel(/Neue Meldung/).fill('Borsdorf hat den Online-Antrag für Hundesteuer getestet.');
		await page.getByRole('button', { name: 'Meldung hinzufügen' }).click();
		await page.getByText('Die Meldung ist veröffentlicht.').waitFor();
		// a form sent anyway is refused
		const refused = await page.request.post(`${base}/verwaltung/kooperation/${measureId}?/progress`, { form: { mode: 'manual', progress: '99', reason: 'Versuch' }, headers: { origin: base } });
		expect(refused.status()).toBe(403);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('the public cockpit and the measure page show it, with tables for the chart, and pass axe', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/`);
		await page.getByRole('link', { name: 'Kooperation', exact: true }).first().click();
		await page.waitForURL(/\/kooperation$/);
		const field = page.locator('section', { has: page.getByRole('heading', { name: /Handlungsfeld 5: Digitaler Wandel/ }) });
		await field.getByRole('link', { name: title }).first().waitFor();
		await field.getByText('Federführung: Naunhof').first().waitFor();
		await field.getByText('Pilotbetrieb', { exact: false }).count();
		expect(await page.getByText(secret).count()).toBe(0);
		expect(await axe(page)).toEqual([]);
		await shot(page, 'kooperation-cockpit');

		await page.locator('#feld').selectOption('5');
		await page.locator('#kommune').selectOption('brandis');
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await page.waitForURL(/feld=5/);
		await page.getByRole('link', { name: title }).first().click();
		await page.waitForURL(new RegExp(`/kooperation/massnahmen/${measureId}$`));
		await page.getByRole('heading', { level: 1, name: title }).waitFor();
		await page.getByText('Pilotbetrieb in Naunhof').waitFor();
		await page.getByText('50 % erreicht').waitFor();
		await page.getByRole('table', { name: /Messwerte von „Online-Anträge je Monat“/ }).getByRole('cell', { name: '120' }).waitFor();
		await page.getByRole('img', { name: /Online-Anträge je Monat.*120/ }).waitFor();
		await page.getByRole('row', { name: /Digitale Kommune Sachsen.*in Vorbereitung/ }).waitFor();
		await page.getByText('Nora Naunhof').waitFor();
		await page.getByText('Borsdorf hat den Online-Antrag für Hundesteuer getestet.').waitFor();
		const doc = await page.request.get(`${base}${await page.getByRole('link', { name: 'Konzept Bürgerbüro' }).getAttribute('href')}`);
		expect(doc.headers()['content-type']).toBe('application/pdf');
		expect(doc.headers()['content-security-policy']).toContain('sandbox');
		expect((await doc.body()).subarray(0, 5).toString()).toBe('%PDF-');
		expect(await axe(page)).toEqual([]);
		await shot(page, 'kooperation-massnahme');

		await page.goto(`${base}/kooperation/foerderung`);
		await page.getByRole('heading', { name: 'Digitale Kommune Sachsen' }).waitFor();
		expect(await axe(page)).toEqual([]);
		await page.goto(`${base}/kooperation/massnahmen?feld=5`);
		await page.getByRole('link', { name: title }).waitFor();
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('the API and the CSV carry the measure with its shares, never the internal one, and no contact address', async () => {
		const json = (await (await fetch(`${base}/api/v1/measures?actionField=5&limit=100`)).json()) as { data: MeasureJson[] };
		const m = json.data.find((d) => d.id === measureId)!;
		expect(m).toMatchObject({ title, leadMunicipality: NAUNHOF, participants: [BORSDORF, BRANDIS], actionFields: [5], goals: [13], status: 'in_progress', progress: 50, budgetTotalCents: 9_000_001 });
		expect(m.costShares).toEqual([
			{ municipality: BORSDORF, amountCents: 3_000_001 },
			{ municipality: BRANDIS, amountCents: 3_000_000 },
			{ municipality: NAUNHOF, amountCents: 3_000_000 }
		]);
		const all = JSON.stringify(json);
		expect(all).not.toContain(secret);
		expect(all).not.toContain('digital@naunhof.example');
		const csv = await (await fetch(`${base}/kooperation/massnahmen.csv`)).text();
		expect(csv.split('\r\n')[0]).toBe('id,title,status,progress,lead_municipality,participants,action_fields,goals,start_on,end_on,lighthouse,budget_total_cents,actual_total_cents,cost_key,cost_shares,updated_at,url');
		expect(csv).toContain(`${measureId},${title},in_progress,50,${NAUNHOF},${BORSDORF};${BRANDIS},5,13,2026-01-01,2027-12-31,true,9000001,1200000,equal,${BORSDORF}:3000001;${BRANDIS}:3000000;${NAUNHOF}:3000000,`);
		expect(csv).not.toContain(secret);
		const applications = await (await fetch(`${base}/kooperation/foerderantraege.csv`)).text();
		expect(applications).toContain(`${measureId},${title},Digitale Kommune Sachsen,land,preparing,8000000,6000000,,2000000,`);
		const search = await (await fetch(`${base}/suche?q=${encodeURIComponent('Haushaltsklausur')}`)).text();
		expect(search).not.toContain(secret);
		const internalId = measureId + 1;
		expect((await fetch(`${base}/kooperation/massnahmen/${internalId}`)).status).toBe(404);
		expect((await fetch(`${base}/kooperation/massnahmen/999999`)).status).toBe(404);
		expect((await fetch(`${base}/kooperation/massnahmen/abc`)).status).toBe(404);
	});
});

if (shots) fs.mkdirSync(shots, { recursive: true });
