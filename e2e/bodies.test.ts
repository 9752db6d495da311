import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';
import { BORSDORF } from './region.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** An agenda item in the back office by the text of its heading (the paper choices of other items repeat titles). */
const itemOf = (page: Page, heading: string) => page.locator('article').filter({ has: page.locator('h3', { hasText: heading }) });

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
		await page.locator('form[action="?/agenda"]').getByLabel('nichtöffentlich', { exact: true }).check();
		await page.getByRole('button', { name: 'Hinzufügen' }).click();
		await page.getByText('Der Punkt steht auf der Tagesordnung.').waitFor();

		await page.getByRole('button', { name: 'Mitglieder einladen' }).click();
		await page.getByText('Die Einladungen mit Kalendereintrag (.ics) sind versandt.').waitFor();

		const first = itemOf(page, topic);
		await first.getByText('Abstimmung erfassen').click();
		// one seat forgotten: refused with the municipality named
		const selects = first.locator('select[name^="vote."]');
		expect(await selects.count()).toBe(7);
		for (let i = 0; i < 6; i++) await selects.nth(i).selectOption('yes');
		await first.getByRole('button', { name: 'Abstimmung speichern' }).click();
		await page.getByRole('alert').getByText(/es fehlt: Parthenstein/).waitFor();
		const again = itemOf(page, topic);
		await again.getByLabel('Borsdorf', { exact: true }).selectOption('no');
		await again.getByLabel('Parthenstein', { exact: true }).selectOption('yes');
		await again.getByLabel('Beschlusstext').fill('Streusalz wird gemeinsam ausgeschrieben.');
		await again.getByRole('button', { name: 'Abstimmung speichern' }).click();
		// unanimity required: Borsdorf's no rejects it, computed, not typed in
		await itemOf(page, topic).getByRole('heading', { name: 'Abstimmung: abgelehnt' }).waitFor();
		expect(await axe(page)).toEqual([]);

		const secretItem = itemOf(page, secret);
		await secretItem.getByText('Abstimmung erfassen').click();
		for (const select of await secretItem.locator('select[name^="vote."]').all()) await select.selectOption('yes');
		await secretItem.getByRole('button', { name: 'Abstimmung speichern' }).click();
		await itemOf(page, secret).getByRole('heading', { name: 'Abstimmung: angenommen' }).waitFor();
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
	it('a member named by their municipality reads the closed part signed in; guests and other citizens never do', async () => {
		const closedMinutes = `Vertrauliche Niederschrift ${Date.now()}`;
		const office = await openContext(browser(), base);
		const page = await office.context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');
		await page.goto(meetingUrl.replace('/gremien/', '/verwaltung/gremien/'));
		await page.getByLabel(/Öffentlicher Teil/).fill('Die Sitzung begann pünktlich.');
		await page.getByLabel(/Nichtöffentlicher Teil/).fill(closedMinutes);
		await page.getByRole('button', { name: 'Niederschrift speichern' }).click();
		await page.getByText('Die Niederschrift ist gespeichert.').waitFor();
		const pdf = `${fs.mkdtempSync('/tmp/pl-meeting-')}/gutachten.pdf`;
		fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		await page.locator('#file-title').fill('Wertgutachten vertraulich');
		await page.setInputFiles('#meeting-file', pdf);
		await page.locator('form[action="?/addFile"]').getByLabel(/nur für die Mitglieder/).check();
		await page.getByRole('button', { name: 'Hochladen' }).click();
		await page.getByText('Das Dokument ist gespeichert.').waitFor();
		const documentUrl = new URL((await page.getByRole('link', { name: 'Wertgutachten vertraulich' }).getAttribute('href'))!, base).href;
		expect(office.problems).toEqual([]);
		await office.context.close();

		// Borsdorf's admin names herself (her verified address links the account) as a member without vote
		const { context, problems } = await openContext(browser(), base);
		const member = await context.newPage();
		await signIn(member, base, 'admin.borsdorf@partheland.example');
		await member.goto(`${base}/verwaltung/gremien`);
		await member.getByRole('link', { name: 'Lenkungsgruppe der Bürgermeisterinnen und Bürgermeister' }).click();
		await member.getByLabel('Name').fill('Beate Borsdorf');
		await member.getByLabel(/E-Mail für Einladungen/).fill('admin.borsdorf@partheland.example');
		await member.getByLabel('ohne Stimme').check();
		await member.getByLabel('Mitglied ab').fill('2026-01-01');
		await member.getByRole('button', { name: 'Benennen' }).click();
		await member.getByRole('listitem').filter({ hasText: 'Beate Borsdorf' }).first().waitFor();

		await member.goto(meetingUrl);
		await member.getByText(secret).first().waitFor();
		await member.getByRole('heading', { name: /Nichtöffentliche Niederschrift|nichtöffentlich/i }).first().waitFor();
		await member.getByText(closedMinutes).waitFor();
		await member.getByRole('link', { name: 'Wertgutachten vertraulich' }).waitFor();
		expect((await context.request.get(documentUrl)).status()).toBe(200);
		expect(await axe(member)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();

		for (const who of [null, 'buerger@partheland.example']) {
			const other = await openContext(browser(), base);
			const p = await other.context.newPage();
			if (who) await signIn(p, base, who);
			await p.goto(meetingUrl);
			await p.getByText('Die Sitzung begann pünktlich.').waitFor();
			expect(await p.getByText(secret).count()).toBe(0);
			expect(await p.getByText(closedMinutes).count()).toBe(0);
			expect(await p.getByRole('link', { name: 'Wertgutachten vertraulich' }).count()).toBe(0);
			expect((await other.context.request.get(documentUrl)).status()).toBe(404);
			await other.context.close();
		}
	});

	it('the office reorders, edits and removes agenda items and changes a paper; decisions are found by a municipality’s vote', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');
		await page.goto(`${base}/verwaltung/gremien`);
		await page.getByRole('link', { name: 'Lenkungsgruppe der Bürgermeisterinnen und Bürgermeister' }).click();
		await page.getByLabel('Tag').fill('2027-01-14');
		await page.getByLabel('Beginn (Uhrzeit)').fill('16:00');
		await page.getByLabel('Ort').fill('Rathaus Großpösna');
		await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await page.getByText('Die Sitzung ist angelegt.').waitFor();
		await page.getByRole('link', { name: /14\.01\.2027, 16:00/ }).click();
		await page.waitForURL(/\/verwaltung\/gremien\/sitzungen\/\d+$/);
		for (const title of ['Eröffnung', 'Winterdienst', 'Verschiedenes']) {
			await page.locator('#item-title').fill(title);
			await page.getByRole('button', { name: 'Hinzufügen' }).click();
			await page.getByText('Der Punkt steht auf der Tagesordnung.').waitFor();
		}
		const headings = () => page.locator('#tagesordnung ~ article h3, section[aria-labelledby="tagesordnung"] article h3').allTextContents();
		await page.getByRole('button', { name: 'Punkt 3 nach oben' }).click();
		await page.getByRole('heading', { name: '2. Verschiedenes' }).waitFor();
		expect((await headings()).map((h) => h.trim())).toEqual(['1. Eröffnung', '2. Verschiedenes', '3. Winterdienst']);
		await page.getByText('Punkt 3 bearbeiten').click();
		await itemOf(page, '3. Winterdienst').getByLabel('Titel').fill('Gemeinsamer Winterdienst');
		await itemOf(page, '3. Winterdienst').getByLabel('nichtöffentlich').check();
		await itemOf(page, '3. Winterdienst').getByRole('button', { name: 'Punkt speichern' }).click();
		await page.getByRole('heading', { name: /3\. Gemeinsamer Winterdienst\s+nichtöffentlich/ }).waitFor();
		await page.getByRole('button', { name: 'Punkt 2 „Verschiedenes“ entfernen' }).click();
		await page.getByRole('heading', { name: /^2\. Gemeinsamer Winterdienst/ }).waitFor();
		expect((await headings()).map((h) => h.trim().replace(/\s+/g, ' '))).toEqual(['1. Eröffnung', '2. Gemeinsamer Winterdienst nichtöffentlich']);
		expect(await axe(page)).toEqual([]);

		// a paper not yet decided on can be changed; one that is decided keeps its wording
		await page.goto(`${base}/verwaltung/gremien/vorlagen`);
		await page.getByRole('link', { name: reference }).click();
		await page.getByText('Über diese Vorlage ist beschlossen').waitFor();
		await page.goto(`${base}/verwaltung/gremien/vorlagen`);
		const draft = `IV ${Date.now() % 100000}/E2E`;
		await page.getByLabel('Aktenzeichen').fill(draft);
		await page.getByLabel('Titel').fill('Bericht zum Winterdienst');
		await page.getByLabel('Art').selectOption('information');
		await page.getByLabel('Datum').fill('2026-12-01');
		await page.getByLabel('Text').fill('Der Bericht über den Winterdienst der Kommunen.');
		await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
		await page.getByText('Die Vorlage ist angelegt.').waitFor();
		await page.getByRole('link', { name: draft }).click();
		await page.getByRole('heading', { level: 1, name: `${draft}: Bericht zum Winterdienst` }).waitFor();
		await page.getByLabel('Titel', { exact: true }).fill('Bericht zum gemeinsamen Winterdienst');
		await page.getByLabel('Aktenzeichen').fill(reference);
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByRole('alert').getByText(/ist schon vergeben/).waitFor();
		expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Bericht zum gemeinsamen Winterdienst');
		await page.getByLabel('Aktenzeichen').fill(draft);
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByText('Die Vorlage ist gespeichert.').waitFor();
		await page.getByRole('heading', { level: 1, name: `${draft}: Bericht zum gemeinsamen Winterdienst` }).waitFor();
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Vorlage entfernen' }).click();
		await page.getByText('Die Vorlage ist entfernt.').waitFor();
		expect(await page.getByRole('link', { name: draft }).count()).toBe(0);
		expect(problems).toEqual([]);
		await context.close();

		// Borsdorf voted no on the topic; Parthenstein did not
		const guest = await openContext(browser(), base);
		const list = await guest.context.newPage();
		await list.goto(`${base}/gremien/beschluesse`);
		await list.getByLabel('Stimme von').selectOption({ label: 'Borsdorf' });
		await list.getByLabel('Stimme', { exact: true }).selectOption({ label: 'Nein' });
		await list.getByRole('button', { name: 'Anzeigen' }).click();
		await list.waitForURL(/stimme=nein/);
		await list.getByRole('link', { name: topic }).waitFor();
		expect(await axe(list)).toEqual([]);
		await list.goto(`${base}/gremien/beschluesse?kommune=parthenstein&stimme=nein`);
		await list.getByRole('heading', { level: 1 }).waitFor();
		expect(await list.getByRole('link', { name: topic }).count()).toBe(0);
		const csv = await (await fetch(`${base}/kooperation/beschluesse.csv?kommune=borsdorf&stimme=nein`)).text();
		expect(csv).toContain(topic);
		const api = (await (await fetch(`${base}/api/v1/decisions?vote=no&municipality=${BORSDORF}&limit=100`)).json()) as { data: DecisionJson[] };
		expect(api.data.map((d) => d.title)).toContain(topic);
		expect(api.data.every((d) => d.votes.some((v) => v.municipality === BORSDORF && v.vote === 'no'))).toBe(true);
		expect(guest.problems).toEqual([]);
		await guest.context.close();
	});
	it('keeps minutes typed before the page’s script arrived through hydration', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');
		// hold the scripts back until the text is typed, as on a slow connection
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(meetingUrl.replace('/gremien/', '/verwaltung/gremien/'), { waitUntil: 'domcontentloaded' });
		const minutes = page.getByLabel(/Öffentlicher Teil/);
		const typed = 'Die Sitzung begann pünktlich. Ergänzt vor dem Laden des Skripts.';
		await minutes.fill(typed);
		release();
		await page.waitForLoadState('networkidle');
		// the scripts have run (hydration included) and the typed text is still in the box
		expect(await minutes.inputValue()).toBe(typed);
		expect(problems).toEqual([]);
		await context.close();
	});
});
