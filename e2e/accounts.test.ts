import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { DEMO_PASSWORD, linkFromOutbox, signIn } from './people.ts';

const base = inject('baseUrl');

async function axe(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	return result.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!browserEnabled)('a citizen’s account (browser)', () => {
	const browser = useBrowser();
	const email = `erika.${Date.now()}@example.org`;

	it('registers, confirms the address through the link in the mail, and signs in', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/registrieren`);
		await page.getByLabel('E-Mail-Adresse').fill(email);
		await page.getByLabel('Ihr Name').fill('Erika M.');
		await page.locator('#password').fill('kurz');
		await page.getByRole('button', { name: 'Konto anlegen' }).click();
		// a short password and the missing consent: named at the fields, typed values kept
		await page.locator('.notice.error').waitFor();
		expect(await page.locator('.field-error').allTextContents()).toEqual([
			'Das Passwort muss 10 bis 200 Zeichen lang sein.',
			'Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.'
		]);
		expect(await page.getByLabel('Ihr Name').inputValue()).toBe('Erika M.');
		expect(await axe(page)).toEqual([]);
		await page.locator('#password').fill('erikas-langes-passwort');
		await page.getByLabel('Ich habe die Datenschutzhinweise gelesen.').check();
		await page.getByRole('button', { name: 'Konto anlegen' }).click();
		await page.getByText('Fast geschafft').waitFor();

		const link = await linkFromOutbox(browser(), base, email, '/konto/bestaetigen/');
		await page.goto(link);
		await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
		await page.getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor();
		// the link works once
		await page.goto(link);
		await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
		await page.getByText('abgelaufen oder wurde schon benutzt').waitFor();

		await signIn(page, base, email, 'erikas-langes-passwort');
		expect(new URL(page.url()).pathname).toBe('/konto');
		expect(await page.getByText('Ihre E-Mail-Adresse ist noch nicht bestätigt').count()).toBe(0);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mein Konto');
		expect(await axe(page)).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});

	it('resets a forgotten password; the old one stops working and other sessions end', async () => {
		const other = await openContext(browser(), base);
		const otherPage = await other.context.newPage();
		await signIn(otherPage, base, email, 'erikas-langes-passwort');
		expect(new URL(otherPage.url()).pathname).toBe('/konto');

		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await page.goto(`${base}/anmelden`);
		await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
		// the sign-in page has an address field too: wait for the new page before filling in
		await page.waitForURL(/\/passwort-vergessen$/);
		await page.getByLabel('E-Mail-Adresse').fill(email);
		await page.getByRole('button', { name: 'Link anfordern' }).click();
		await page.getByText('Wenn es zu dieser Adresse ein Konto gibt').waitFor();
		const link = await linkFromOutbox(browser(), base, email, '/passwort-neu/');
		await page.goto(link);
		expect(await axe(page)).toEqual([]);
		await page.locator('#password').fill('erikas-neues-passwort');
		await page.locator('#repeat').fill('erikas-neues-passwort');
		await page.getByRole('button', { name: 'Passwort speichern' }).click();
		await page.waitForURL('**/konto?passwort=neu');
		await page.getByText('Ihr Passwort ist geändert').waitFor();

		await otherPage.goto(`${base}/konto`);
		expect(new URL(otherPage.url()).pathname).toBe('/anmelden');
		await signIn(otherPage, base, email, 'erikas-langes-passwort');
		await otherPage.getByText('E-Mail-Adresse oder Passwort sind nicht richtig.').first().waitFor();
		expect(problems).toEqual([]);
		await other.context.close();
		await context.close();
	});

	it('downloads all own data as JSON, then deletes the account for good', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, email, 'erikas-neues-passwort');
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Meine Daten herunterladen' }).click();
		const file = await (await download).path();
		const data = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8'));
		expect(data.account).toMatchObject({ email, displayName: 'Erika M.', hasPassword: true });
		expect(JSON.stringify(data)).not.toContain('argon2');

		await page.locator('#delete-password').fill('falsch-falsch');
		await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
		await page.getByText('Das Passwort ist nicht richtig.').first().waitFor();
		await page.locator('#delete-password').fill('erikas-neues-passwort');
		await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
		await page.waitForURL('**/konto/geloescht');
		await signIn(page, base, email, 'erikas-neues-passwort');
		await page.getByText('E-Mail-Adresse oder Passwort sind nicht richtig.').first().waitFor();
		expect(problems).toEqual([]);
		await context.close();
	});
});

describe.skipIf(!browserEnabled)('the back office (browser)', () => {
	const browser = useBrowser();

	it('lets the admin of Borsdorf invite a colleague, who sets a password and works as editor of Borsdorf', async () => {
		const colleague = `kollegin.${Date.now()}@example.org`;
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		await page.locator('header').getByRole('link', { name: 'Verwaltung' }).click();
		await page.waitForURL('**/verwaltung');
		await page.getByRole('link', { name: 'Personen und Rollen' }).first().click();
		await page.waitForURL('**/verwaltung/personen');
		// only Borsdorf's roles can be handed out
		const options = await page.getByLabel('Rolle und Bereich').locator('option').allTextContents();
		expect(options).toEqual(['Mitarbeiter/in – Borsdorf', 'Redakteur/in – Borsdorf', 'Administrator/in der Kommune – Borsdorf', 'Veranstalter/in – Borsdorf', 'Moderation – Borsdorf']);
		await page.getByLabel('E-Mail-Adresse').fill(colleague);
		await page.getByLabel('Rolle und Bereich').selectOption('editor@14729060');
		await page.getByRole('button', { name: 'Einladung senden' }).click();
		await page.getByText(`Die Einladung an ${colleague} ist verschickt`).waitFor();
		expect(await axe(page)).toEqual([]);

		const link = await linkFromOutbox(browser(), base, colleague, '/einladung/');
		const invited = await openContext(browser(), base);
		const invitedPage = await invited.context.newPage();
		await invitedPage.goto(link);
		await invitedPage.getByText('Bettina Borsdorf lädt Sie ein: als Redakteur/in für Borsdorf.').waitFor();
		expect(await axe(invitedPage)).toEqual([]);
		await invitedPage.getByLabel('Ihr Name').fill('Klara Kollegin');
		await invitedPage.locator('#password').fill('klaras-passwort-1');
		await invitedPage.locator('#repeat').fill('klaras-passwort-1');
		await invitedPage.getByRole('button', { name: 'Einladung annehmen' }).click();
		await invitedPage.waitForURL('**/verwaltung?willkommen');
		expect(await invitedPage.locator('.scopes').textContent()).toContain('Borsdorf');
		expect(await invitedPage.locator('.scopes').textContent()).toContain('Redakteur/in');
		// as editor she keeps Borsdorf's data, not Naunhof's
		expect((await invitedPage.goto(`${base}/verwaltung/kommunen/14729060`))?.status()).toBe(200);
		expect((await invitedPage.goto(`${base}/verwaltung/kommunen/14729300`))?.status()).toBe(403);
		// a refusal says why, not "try again later"
		const refusal = await invitedPage.locator('main').textContent();
		expect(refusal).toContain('Die Daten dieser Kommune pflegt die Kommune selbst.');
		expect(refusal).not.toContain('später');
		expect((await invitedPage.goto(`${base}/verwaltung/personen`))?.status()).toBe(403);
		expect(await invitedPage.locator('main').textContent()).toContain('Dazu fehlt Ihnen die Berechtigung.');

		await page.reload();
		expect(await page.locator('table').textContent()).toContain('Klara Kollegin');
		await page.goto(`${base}/verwaltung/protokoll`);
		expect(await page.locator('.entries').textContent()).toContain('role.grant');
		expect(await axe(page)).toEqual([]);
		expect([...problems, ...invited.problems]).toEqual([]);
		await invited.context.close();
		await context.close();
	});

	it('refuses Borsdorf’s admin a write to Naunhof’s data, and the page stays unchanged', async () => {
		const { context } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'admin.borsdorf@partheland.example');
		const cookies = await context.cookies();
		const sid = cookies.find((c) => c.name === 'sid')!;
		expect(sid.httpOnly).toBe(true);
		expect(sid.sameSite).toBe('Lax');
		const form = new URLSearchParams({ 'contact.name': 'Übernommen', inhabitants: '1', inhabitantsDate: '2026-01-01' });
		const res = await fetch(`${base}/verwaltung/kommunen/14729300`, {
			method: 'POST',
			headers: { cookie: `sid=${sid.value}`, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: form
		});
		expect(res.status).toBe(403);
		const naunhof = await (await fetch(`${base}/kommunen/naunhof`)).text();
		expect(naunhof).not.toContain('Übernommen');
		await context.close();
	});

	it('shows every back-office page without accessibility violations, for each role', async () => {
		const pages: Record<string, string[]> = {
			'admin@partheland.example': ['/verwaltung', '/verwaltung/personen', '/verwaltung/kommunen', '/verwaltung/kommunen/14729300', '/verwaltung/protokoll', '/verwaltung/postausgang', '/verwaltung/aufgaben', '/verwaltung/schnittstellen'],
			'koordination.demo@partheland.example': ['/verwaltung', '/verwaltung/leitbild', '/verwaltung/leitbild?unterschied=1', '/verwaltung/protokoll', '/verwaltung/kategorien', '/verwaltung/kategorien/strassenschaeden'],
			'vg.naunhof@partheland.example': ['/verwaltung', '/konto', '/verwaltung/anliegen', '/verwaltung/anliegen?status=alle&sortierung=alt'],
			'admin.naunhof@partheland.example': ['/verwaltung/anliegen', '/verwaltung/schnittstellen', '/verwaltung/kommunen/14729300/teams', '/verwaltung/anliegen/neu?kategorie=strassenschaeden', '/verwaltung/anliegen/statistik']
		};
		const violations: string[] = [];
		for (const [email, paths] of Object.entries(pages)) {
			const { context, problems } = await openContext(browser(), base);
			const page = await context.newPage();
			await signIn(page, base, email);
			for (const path of paths) {
				const res = await page.goto(base + path);
				expect(res?.status(), `${email} ${path}`).toBeLessThan(400);
				violations.push(...(await axe(page)));
			}
			expect(problems).toEqual([]);
			await context.close();
		}
		expect(violations).toEqual([]);
		// some 45 pages with axe for several roles: about a minute on two cores
	}, 180_000);

	it('lets the coordination office revise the Leitbild, and the public page shows it', async () => {
		const { context, problems } = await openContext(browser(), base);
		const page = await context.newPage();
		await signIn(page, base, 'koordination.demo@partheland.example');
		await page.goto(`${base}/verwaltung/leitbild`);
		// typed after hydration: under load the page's script can arrive after a quick test has typed
		await page.waitForLoadState('networkidle');
		await page.locator('#goals-14-text-de').fill('Stärkung des Vertrauens zwischen den Kommunen und ihren Verwaltungen');
		await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
		// no note: refused, the edit is kept
		await page.locator('#note-error').waitFor();
		expect(await page.locator('#goals-14-text-de').inputValue()).toContain('ihren Verwaltungen');
		await page.getByLabel('Was haben Sie geändert und warum?').fill('Leitziel 15 präzisiert');
		await page.getByRole('button', { name: 'Neue Fassung speichern' }).click();
		await page.getByText('Die neue Fassung ist gespeichert').waitFor();
		const pub = await (await fetch(`${base}/leitbild`)).text();
		expect(pub).toContain('ihren Verwaltungen');
		await page.getByRole('link', { name: 'Unterschied' }).first().click();
		expect(await page.locator('.diff .added').first().textContent()).toContain('ihren Verwaltungen');
		expect(problems).toEqual([]);
		await context.close();
	});
});

describe('sign-in over HTTP', () => {
	const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
		fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });

	it('issues a new session on sign-in, never the one the browser brought (no fixation)', async () => {
		const res = await post('/anmelden', { email: 'buerger@partheland.example', password: DEMO_PASSWORD }, { cookie: 'sid=chosen-by-an-attacker' });
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid=') && !c.startsWith('sid=;'))!;
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toContain('chosen-by-an-attacker');
	});

	it('locks an address for a while after five failed attempts, the same for unknown addresses', async () => {
		for (const email of [`niemand.${Date.now()}@example.org`, 'redaktion.borsdorf@partheland.example']) {
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++) statuses.push((await post('/anmelden', { email, password: 'falsch-falsch' })).status);
			expect(statuses, email).toEqual([400, 400, 400, 400, 400, 429]);
			// now even the right password is refused until the window ends
			const right = await post('/anmelden', { email, password: DEMO_PASSWORD });
			expect(right.status, email).toBe(429);
			expect(await right.text()).toContain('Zu viele Versuche');
		}
	});

	it('counts only failed attempts: a person signing in on many devices is never locked out', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await post('/anmelden', { email: 'koordination.demo@partheland.example', password: DEMO_PASSWORD })).status);
		expect(statuses).toEqual([303, 303, 303, 303, 303, 303, 303]);
	});

	it('answers a reset request the same way for known and unknown addresses', async () => {
		const known = await (await post('/passwort-vergessen', { email: 'admin.naunhof@partheland.example' })).text();
		const unknown = await (await post('/passwort-vergessen', { email: 'gibt-es-nicht@example.org' })).text();
		const strip = (html: string) => html.replace(/nonce-[^"']+|nonce="[^"]+"/g, '');
		expect(strip(known)).toBe(strip(unknown));
	});

	it('refuses a cross-site form post to sign in', async () => {
		const res = await post('/anmelden', { email: 'buerger@partheland.example', password: DEMO_PASSWORD }, { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
	});
});
