import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';

const base = inject('baseUrl');
const BORSDORF = '14729060';

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

type DecisionJson = { id: number; title: string; result: string; paper: string | null; votes: { municipality: string; vote: string }[] };

describe.skipIf(!browserEnabled)('Gremien in the browser', () => {
	const browser = useBrowser();
	const reference = `BV ${Date.now() % 100000}/E2E`;
	const topic = `Gemeinsame Beschaffung von Streusalz ${Date.now()}`;
	const secret = `Vertrauliche Grundstücksfrage ${Date.now()}`;
	let meetingUrl = '';

	it('a coordinator prepares a meeting of the steering group with a paper linked to a measure and records the seven votes', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');
		const measureId = ((await (await fetch(`${base}/api/v1/measures?limit=1`)).json()) as { data: { id: number }[] }).data[0].id;

		await page.goto(`${base}/verwaltung/gremien/vorlagen`);
		await page.getByLabel('Aktenzeichen').fill(reference);
		await page.getByLabel('Titel').fill(topic);
		await page.getByLabel('Datum').fill('2026-11-20');
		await page.getByLabel('Text').fill('Die Kommunen beschaffen das Streusalz für den Winter gemeinsam.');
		await page.getByLabel(/Betroffene Maßnahmen/).fill(String(measureId));
		await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
		await page.getByText('Die Vorlage ist angelegt.').waitFor();
		expect(await axe(page)).toEqual([]);

		await page.goto(`${base}/verwaltung`);
		await page.getByRole('navigation', { name: 'Bereiche der Verwaltung' }).getByRole('link', { name: 'Gremien' }).click();
		await page.waitForURL(/\/verwaltung\/gremien$/);
		await page.getByRole('link', { name: 'Lenkungsgruppe der Bürgermeisterinnen und Bürgermeister' }).click();
		await page.waitForURL(/\/verwaltung\/gremien\/\d+$/);
		expect(await axe(page)).toEqual([]);
		// refused first: no time, the typed place stays
		await page.getByLabel('Tag').fill('2026-12-17');
		await page.getByLabel('Ort').fill('Rathaus Brandis');
		await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await page.getByRole('alert').getByText('Bitte geben Sie Tag und Beginn der Sitzung an.').waitFor();
		expect(await page.getByLabel('Ort').inputValue()).toBe('Rathaus Brandis');
		await page.getByLabel('Beginn (Uhrzeit)').fill('17:30');
		await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await page.getByText('Die Sitzung ist angelegt.').waitFor();
		await page.getByRole('link', { name: /17\.12\.2026, 17:30/ }).click();
		await page.waitForURL(/\/verwaltung\/gremien\/sitzungen\/\d+$/);
		meetingUrl = page.url().replace('/verwaltung/gremien/', '/gremien/');

		await page.locator('#item-title').fill(topic);
		await page.getByLabel('Vorlage').selectOption({ label: `${reference} – ${topic}` });
		await page.getByRole('button', { name: 'Hinzufügen' }).click();
		await page.getByText('Der Punkt steht auf der Tagesordnung.').waitFor();
		await page.locator('#item-title').fill(secret);
		await page.getByLabel('nichtöffentlich', { exact: true }).check();
		await page.getByRole('button', { name: 'Hinzufügen' }).click();
		await page.getByText('Der Punkt steht auf der Tagesordnung.').waitFor();

		await page.getByRole('button', { name: 'Mitglieder einladen' }).click();
		await page.getByText('Die Einladungen mit Kalendereintrag (.ics) sind versandt.').waitFor();

		const first = page.locator('article', { hasText: topic });
		await first.getByText('Abstimmung erfassen').click();
		// one seat forgotten: refused with the municipality named
		const selects = first.locator('select[name^="vote."]');
		expect(await selects.count()).toBe(7);
		for (let i = 0; i < 6; i++) await selects.nth(i).selectOption('yes');
		await first.getByRole('button', { name: 'Abstimmung speichern' }).click();
		await page.getByRole('alert').getByText(/es fehlt: Parthenstein/).waitFor();
		const again = page.locator('article', { hasText: topic });
		await again.getByLabel('Borsdorf', { exact: true }).selectOption('no');
		await again.getByLabel('Parthenstein', { exact: true }).selectOption('yes');
		await again.getByLabel('Beschlusstext').fill('Streusalz wird gemeinsam ausgeschrieben.');
		await again.getByRole('button', { name: 'Abstimmung speichern' }).click();
		// unanimity required: Borsdorf's no rejects it, computed, not typed in
		await page.locator('article', { hasText: topic }).getByRole('heading', { name: 'Abstimmung: abgelehnt' }).waitFor();
		expect(await axe(page)).toEqual([]);

		const secretItem = page.locator('article', { hasText: secret });
		await secretItem.getByText('Abstimmung erfassen').click();
		for (const select of await secretItem.locator('select[name^="vote."]').all()) await select.selectOption('yes');
		await secretItem.getByRole('button', { name: 'Abstimmung speichern' }).click();
		await page.locator('article', { hasText: secret }).getByRole('heading', { name: 'Abstimmung: angenommen' }).waitFor();
		expect(problems).toEqual([]);
		await context.close();

		// the invitation with its calendar entry is in the outbox
		const admin = await openContext(browser(), base);
		const outbox = await admin.context.newPage();
		await signIn(outbox, base, 'admin@partheland.example');
		await outbox.goto(`${base}/verwaltung/postausgang`);
		await outbox.locator('tbody tr', { hasText: 'buergermeister.borsdorf@partheland.example' }).first().getByRole('link').click();
		await outbox.getByRole('heading', { name: /einladung\.ics/ }).waitFor();
		const ics = (await outbox.locator('pre.attachment').textContent()) ?? '';
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('METHOD:REQUEST');
		expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261217T173000');
		expect(admin.problems).toEqual([]);
		await admin.context.close();
	});

	it('the public meeting page shows each municipality’s vote and never the closed item', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(meetingUrl);
		const item = page.locator('li', { hasText: topic });
		await item.getByRole('heading', { name: 'Abstimmung: abgelehnt' }).waitFor();
		await item.getByRole('row', { name: /Borsdorf\s+Nein/ }).waitFor();
		await item.getByRole('row', { name: /Parthenstein\s+Ja/ }).waitFor();
		expect(await page.getByText(secret).count()).toBe(0);
		expect(await axe(page)).toEqual([]);
		await page.getByRole('link', { name: new RegExp(reference) }).click();
		await page.getByRole('heading', { level: 1, name: new RegExp(topic) }).waitFor();
		expect(await axe(page)).toEqual([]);
		await page.goto(`${base}/gremien/beschluesse?ergebnis=rejected`);
		await page.getByRole('link', { name: topic }).waitFor();
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();

		const json = (await (await fetch(`${base}/api/v1/decisions?limit=100`)).json()) as { data: DecisionJson[] };
		const d = json.data.find((x) => x.title === topic)!;
		expect(d).toMatchObject({ result: 'rejected', paper: reference });
		expect(d.votes).toHaveLength(7);
		expect(d.votes.find((v) => v.municipality === BORSDORF)?.vote).toBe('no');
		expect(JSON.stringify(json)).not.toContain(secret);
		const csv = await (await fetch(`${base}/kooperation/beschluesse.csv`)).text();
		expect(csv).toContain(topic);
		expect(csv).toContain(`${BORSDORF}:no`);
		expect(csv).not.toContain(secret);
		const bodies = JSON.stringify(await (await fetch(`${base}/api/v1/bodies`)).json());
		expect(bodies).not.toContain('@');
	});
});
