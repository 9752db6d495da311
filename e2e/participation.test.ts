import { describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { browserEnabled, holdScripts, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!browserEnabled)('Beteiligung in the browser', () => {
	const browser = useBrowser();
	const suffix = Date.now() % 100000;
	const processTitle = `Ortsmitte Borsdorf ${suffix}`;
	const ideaTitle = `Bänke und Bäume am Rathausplatz ${suffix}`;
	let processUrl = '';
	let ideaUrl = '';

	it('an editor starts a process whose idea collection runs from today', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.goto(`${base}/verwaltung/beteiligung`);
		await page.getByRole('link', { name: 'Neues Verfahren' }).click();
		expect(await axe(page)).toEqual([]);
		await page.getByLabel('Titel').fill(processTitle);
		await page.getByLabel(/^Kurzfassung/).fill('Wie soll die Ortsmitte rund um das Rathaus aussehen?');
		await page.getByLabel(/^Beschreibung/).fill('Borsdorf gestaltet die Ortsmitte neu und sammelt dafür Ihre Ideen.');
		await page.getByLabel('Verantwortlich').selectOption({ label: 'Borsdorf' });
		const today = DateTime.now().setZone('Europe/Berlin');
		await page.getByRole('checkbox', { name: 'Ideensammlung vorsehen' }).check();
		// refused first: the phase has no end; what was typed stays
		await page.locator('#phase_ideas_from').fill(today.toISODate()!);
		await page.getByRole('button', { name: 'Verfahren anlegen' }).click();
		await page.getByText(/bis wann die Phase „Ideensammlung“ läuft/).first().waitFor();
		expect(await page.getByLabel('Titel').inputValue()).toBe(processTitle);
		await page.locator('#phase_ideas_to').fill(today.plus({ days: 30 }).toISODate()!);
		await page.getByRole('group', { name: /Phase Ideensammlung/ }).getByRole('checkbox', { name: 'Umfragen beantworten' }).check();
		await page.getByRole('checkbox', { name: /Veröffentlicht/ }).check();
		await page.getByRole('button', { name: 'Verfahren anlegen' }).click();
		await page.getByText('Das Verfahren ist angelegt.').waitFor();
		await page.getByRole('link', { name: 'Öffentliche Seite' }).click();
		await page.waitForURL(/\/beteiligung\/\d+$/);
		await page.getByRole('heading', { name: 'Jetzt: Ideensammlung' }).waitFor();
		processUrl = page.url();
		expect(problems).toEqual([]);
		await context.close();
	});

	it('a citizen submits an idea; another supports and comments it; guests read everything', async () => {
		const author = await openContext(browser(), base);
		const page = await author.context.newPage();
		await signIn(page, base, 'buerger@partheland.example');
		await page.goto(processUrl);
		await page.getByRole('link', { name: 'Idee einreichen' }).click();
		await page.getByLabel('Titel Ihrer Idee').fill(ideaTitle);
		await page.getByRole('button', { name: 'Idee veröffentlichen' }).click();
		await page.getByRole('alert').first().waitFor();
		expect(await page.getByLabel('Titel Ihrer Idee').inputValue()).toBe(ideaTitle);
		await page.getByLabel('Kategorie').selectOption('Umwelt und Klima');
		await page.getByLabel(/^Beschreibung/).fill('Am Rathausplatz fehlen Schatten und Sitzplätze. **Bäume** und Bänke würden den Platz beleben.');
		await page.getByLabel(/^Kommune/).selectOption({ label: 'Borsdorf' });
		await page.getByLabel(/^Ort in Worten/).fill('Rathausplatz');
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Idee veröffentlichen' }).click();
		await page.getByRole('heading', { level: 1, name: ideaTitle }).waitFor();
		ideaUrl = page.url().split('?')[0];
		await page.locator('.prose strong', { hasText: 'Bäume' }).waitFor();
		// one's own idea is not supported by oneself
		await page.getByText('Das ist Ihre Idee.').waitFor();
		expect(author.problems).toEqual([]);
		await author.context.close();

		const supporter = await openContext(browser(), base);
		const other = await supporter.context.newPage();
		await signIn(other, base, 'buergerin@partheland.example');
		await other.goto(ideaUrl);
		await other.getByRole('button', { name: 'Idee unterstützen' }).click();
		await other.getByText('Sie unterstützen diese Idee.').waitFor();
		await other.getByText('1 Person unterstützt diese Idee.').waitFor();
		await other.getByLabel(/^Ihr Kommentar/).fill('Unbedingt – und bitte einen Trinkbrunnen dazu!');
		await other.getByRole('button', { name: 'Kommentar veröffentlichen' }).click();
		await other.getByText('Ihr Kommentar ist veröffentlicht.').waitFor();
		await other.locator('.comment .prose', { hasText: 'Unbedingt – und bitte einen Trinkbrunnen dazu!' }).waitFor();
		expect(await axe(other)).toEqual([]);
		expect(supporter.problems).toEqual([]);
		await supporter.context.close();

		const { context, problems } = await openContext(browser(), base);
		const guest = await context.newPage();
		await guest.goto(`${processUrl}?sortierung=unterstuetzt`);
		await guest.getByRole('link', { name: ideaTitle }).waitFor();
		expect(await guest.locator('.ideas li').first().textContent()).toContain('1 Unterstützung');
		expect(await axe(guest)).toEqual([]);
		await guest.goto(`${base}/beteiligung`);
		await guest.getByRole('link', { name: processTitle }).waitFor();
		expect(await axe(guest)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('keeps open what someone opened before the page’s script arrived, with what they typed', async () => {
		const { context, problems } = await openContext(browser(), base);
		const guest = await context.newPage();
		// the script held back until the form is open and filled in, as on a slow connection
		const hydrate = await holdScripts(guest);
		// module scripts hold back DOMContentLoaded, so wait only for the HTML to be there
		await guest.goto(ideaUrl, { waitUntil: 'commit' });
		const comment = guest.locator('.comment', { hasText: 'Trinkbrunnen' });
		await comment.getByText('Melden').click();
		await comment.getByLabel(/Netiquette/).fill('Vorab getippt');
		await hydrate();
		// hydrated: a bound `open` attribute would have closed it again
		expect(await comment.locator('details.flag').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
		expect(await comment.getByLabel(/Netiquette/).inputValue()).toBe('Vorab getippt');
		expect(problems).toEqual([]);
		await context.close();
	});

	it('a guest flags the comment; the moderator hides it with a public reason', async () => {
		const { context, problems } = await openContext(browser(), base);
		const guest = await context.newPage();
		await guest.goto(ideaUrl);
		const comment = guest.locator('.comment', { hasText: 'Trinkbrunnen' });
		await comment.getByText('Melden').click();
		await comment.getByLabel(/Netiquette/).fill('Werbung für einen Brunnenbauer');
		await comment.getByRole('button', { name: 'Meldung senden' }).click();
		await guest.getByText('Danke, die Moderation sieht sich das an.').waitFor();

		const office = await openContext(browser(), base);
		const page = await office.context.newPage();
		await signIn(page, base, 'moderation.borsdorf@partheland.example');
		await page.goto(`${base}/verwaltung/beteiligung/moderation`);
		const entry = page.locator('.queue li', { hasText: 'Trinkbrunnen' });
		await entry.getByText('Werbung für einen Brunnenbauer').waitFor();
		expect(await axe(page)).toEqual([]);
		await entry.getByRole('button', { name: 'Ausblenden' }).click();
		await page.getByText(/Bitte nennen Sie einen Grund/).waitFor();
		await page.locator('.queue li', { hasText: 'Trinkbrunnen' }).getByLabel('Öffentlicher Grund').fill('Enthält Werbung (Netiquette, Regel 4)');
		await page.locator('.queue li', { hasText: 'Trinkbrunnen' }).getByRole('button', { name: 'Ausblenden' }).click();
		await page.getByText('Der Beitrag ist ausgeblendet.').waitFor();
		expect(office.problems).toEqual([]);
		await office.context.close();

		await guest.goto(ideaUrl);
		await guest.getByText('Von der Moderation ausgeblendet: Enthält Werbung (Netiquette, Regel 4)').waitFor();
		expect(await guest.getByText('Trinkbrunnen').count()).toBe(0);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('staff accept the idea and link it to a measure; the answer is public', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.goto(ideaUrl);
		await page.getByRole('link', { name: /Offiziell antworten/ }).click();
		const item = page.locator('.ideas li', { hasText: ideaTitle });
		await item.getByText('Offiziell antworten').click();
		await item.getByLabel('Stand').selectOption({ label: 'angenommen' });
		await item.getByRole('button', { name: /Antwort speichern/ }).click();
		// refused: an accepted idea names its measure
		await page.locator('.ideas li', { hasText: ideaTitle }).getByText(/Bitte nennen Sie die Maßnahme/).waitFor();
		const again = page.locator('.ideas li', { hasText: ideaTitle });
		// a public measure: the public page links it
		const options = (await again.getByLabel(/^Maßnahme/).locator('option').allTextContents()).map((o) => o.trim());
		const measure = options.find((o, i) => i > 0 && !o.endsWith('(intern)'))!;
		await again.getByLabel(/^Maßnahme/).selectOption({ label: measure });
		await again.getByLabel(/^Antwort/).fill('Die Idee geht in die Neugestaltung der Ortsmitte ein.');
		await again.getByRole('button', { name: /Antwort speichern/ }).click();
		await page.getByText(/Die Antwort ist gespeichert/).waitFor();
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();

		const guest = await openContext(browser(), base);
		const g = await guest.context.newPage();
		await g.goto(ideaUrl);
		await g.getByRole('heading', { name: /Antwort der Verwaltung/ }).waitFor();
		await g.getByText('Die Idee geht in die Neugestaltung der Ortsmitte ein.').waitFor();
		expect(await g.getByText('Stand: angenommen').count()).toBeGreaterThan(0);
		expect(await g.getByRole('link', { name: measure }).count()).toBe(1);
		expect(await axe(g)).toEqual([]);
		expect(guest.problems).toEqual([]);
		await guest.context.close();
	});

	it('an editor builds a survey; a citizen and a person with a one-time link answer it; the results are public', async () => {
		const office = await openContext(browser(), base);
		const page = await office.context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.goto(processUrl.replace('/beteiligung/', '/verwaltung/beteiligung/'));
		await page.getByLabel('Titel der neuen Umfrage').fill('Ihre Meinung zur Ortsmitte');
		await page.getByRole('button', { name: 'Umfrage anlegen' }).click();
		await page.getByRole('heading', { level: 1, name: 'Umfrage: Ihre Meinung zur Ortsmitte' }).waitFor();
		const adminUrl = page.url();
		const addQuestion = async (kind: string, prompt: string, more: (p: Page) => Promise<void> = async () => {}) => {
			await page.getByLabel('Art der Frage').selectOption({ label: kind });
			await page.getByLabel('Frage', { exact: true }).fill(prompt);
			await more(page);
			await page.getByRole('button', { name: 'Frage hinzufügen' }).click();
			await page.getByText('Die Frage ist hinzugefügt.').waitFor();
		};
		await addQuestion('Ja/Nein', 'Kommen Sie oft in die Ortsmitte?', (p) => p.getByRole('checkbox', { name: 'Pflichtfrage' }).check());
		await addQuestion('Einfachauswahl', 'Womit kommen Sie?', async (p) => {
			await p.getByLabel(/^Antworten/).fill('zu Fuß\nmit dem Rad\nmit dem Auto');
			await p.getByLabel('Frühere Frage').selectOption({ label: 'Kommen Sie oft in die Ortsmitte?' });
			await p.getByLabel(/mit einer dieser Antworten/).fill('Ja');
		});
		await addQuestion('Skala 1 bis 5', 'Wie gern halten Sie sich dort auf?');
		await addQuestion('Freitext', 'Was fehlt Ihnen?');
		await page.getByRole('checkbox', { name: 'Veröffentlicht' }).check();
		await page.getByRole('checkbox', { name: 'Ergebnisse öffentlich' }).check();
		await page.getByRole('checkbox', { name: /Einmal-Links/ }).check();
		await page.getByRole('button', { name: 'Speichern', exact: true }).click();
		await page.getByText('Gespeichert.').waitFor();
		await page.getByLabel('Anzahl').fill('2');
		await page.getByRole('button', { name: 'Links erzeugen' }).click();
		const links = (await page.getByLabel(/Neue Links/).inputValue()).split('\n');
		expect(links).toHaveLength(2);
		expect(await axe(page)).toEqual([]);
		expect(office.problems).toEqual([]);

		const citizen = await openContext(browser(), base);
		const c = await citizen.context.newPage();
		await signIn(c, base, 'buergerin@partheland.example');
		await c.goto(processUrl);
		await c.getByRole('link', { name: 'Ihre Meinung zur Ortsmitte' }).click();
		// the required question first: refused, the rest kept
		await c.getByRole('group', { name: /Wie gern halten Sie sich dort auf/ }).getByLabel('4').check();
		await c.getByRole('button', { name: 'Antworten absenden' }).click();
		await c.getByText('Bitte beantworten Sie diese Frage.').first().waitFor();
		expect(await c.getByRole('group', { name: /Wie gern halten Sie sich dort auf/ }).getByLabel('4').isChecked()).toBe(true);
		await c.getByRole('group', { name: /Kommen Sie oft/ }).getByLabel('Ja').check();
		await c.getByRole('group', { name: /Womit kommen Sie/ }).getByLabel('mit dem Rad').check();
		await c.getByLabel('Was fehlt Ihnen?').fill('Ein Trinkbrunnen.');
		expect(await axe(c)).toEqual([]);
		await c.getByRole('button', { name: 'Antworten absenden' }).click();
		await c.getByRole('heading', { name: 'Danke für Ihre Antworten' }).waitFor();
		expect(citizen.problems).toEqual([]);
		await citizen.context.close();

		const anonymous = await openContext(browser(), base);
		const a = await anonymous.context.newPage();
		await a.goto(links[0]);
		await a.getByText(/Sie antworten über einen Einmal-Link/).waitFor();
		await a.getByRole('group', { name: /Kommen Sie oft/ }).getByLabel('Nein').check();
		await a.getByRole('button', { name: 'Antworten absenden' }).click();
		await a.getByRole('heading', { name: 'Danke für Ihre Antworten' }).waitFor();
		await a.goto(links[0]);
		await a.getByText('Mit diesem Link wurde schon geantwortet.').waitFor();
		expect(anonymous.problems).toEqual([]);
		await anonymous.context.close();

		// the free text appears once approved
		await page.goto(adminUrl);
		await page.locator('.pending li', { hasText: 'Ein Trinkbrunnen.' }).getByRole('button', { name: 'Freigeben' }).click();
		await page.getByRole('heading', { name: 'Freitexte zur Freigabe' }).waitFor({ state: 'detached' });
		await office.context.close();

		const guest = await openContext(browser(), base);
		const g = await guest.context.newPage();
		await g.goto(processUrl);
		await g.getByRole('link', { name: 'Ergebnisse' }).first().click();
		await g.getByRole('heading', { level: 1, name: 'Ergebnisse: Ihre Meinung zur Ortsmitte' }).waitFor();
		await g.getByText('2 Antworten insgesamt.').waitFor();
		const yes = g.locator('section', { hasText: 'Kommen Sie oft' }).getByRole('row', { name: /^Ja/ });
		expect(await yes.textContent()).toMatch(/1\s*50 %/);
		await g.getByText('Ein Trinkbrunnen.').waitFor();
		expect(await axe(g)).toEqual([]);
		expect(guest.problems).toEqual([]);
		await guest.context.close();
	});
});
