import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { browserEnabled, launchBrowser } from './browser.ts';
import { freePort, startServer, type RunningServer } from './server.ts';
import { linkFromOutbox, signIn } from './people.ts';

/**
 * Staff sign-in through a real OpenID Connect provider (the `oidc-provider` package, as a
 * municipality's Keycloak would answer), started here next to a server configured for it.
 * Any login name is accepted by the provider's development login; "x" signs in as x@…
 */
const emails: Record<string, string> = {
	'admin.naunhof': 'admin.naunhof@partheland.example',
	fremd: 'fremd@example.org',
	'sso.neu': 'sso.neu@example.org'
};

let provider: http.Server;
let app: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
	const appPort = await freePort();
	const appUrl = `http://127.0.0.1:${appPort}`;
	const issuer = `http://127.0.0.1:${await freePort()}`;
	const oidc = new Provider(issuer, {
		clients: [{ client_id: 'partheland', client_secret: 'geheim', redirect_uris: [`${appUrl}/anmelden/sso/callback`], token_endpoint_auth_method: 'client_secret_post' }],
		claims: { email: ['email', 'email_verified'], profile: ['name'] },
		cookies: { keys: ['test-only-key'] },
		async findAccount(_ctx, id) {
			return { accountId: id, claims: async () => ({ sub: id, email: emails[id] ?? `${id}@example.org`, email_verified: true, name: `Person ${id}` }) };
		}
	});
	provider = http.createServer(oidc.callback());
	await new Promise<void>((resolve) => provider.listen(Number(new URL(issuer).port), '127.0.0.1', resolve));
	app = await startServer({ PORT: String(appPort), ORIGIN: appUrl, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'partheland', OIDC_CLIENT_SECRET: 'geheim', OIDC_NAME: 'Kommunales Konto' });
	if (browserEnabled) browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
	await new Promise((resolve) => provider?.close(resolve));
});

/** Goes through the provider's login and consent pages. */
async function atProvider(page: Page, login: string) {
	await page.locator('input[name=login]').waitFor();
	await page.locator('input[name=login]').fill(login);
	await page.locator('input[name=password]').fill('beliebig');
	await page.locator('button[type=submit]').click();
	await page.locator('button', { hasText: 'Continue' }).click();
}

describe.skipIf(!browserEnabled)('staff sign-in with OpenID Connect (browser)', () => {
	it('signs an existing staff account in through the provider, matched by verified address', async () => {
		const context = await browser.newContext({ locale: 'de-DE' });
		const page = await context.newPage();
		await page.goto(`${app.url}/anmelden?weiter=/verwaltung/personen`);
		await page.getByRole('button', { name: 'Anmelden mit Kommunales Konto' }).click();
		await atProvider(page, 'admin.naunhof');
		await page.waitForURL(`${app.url}/verwaltung/personen`);
		expect(await page.locator('.who').textContent()).toContain('Norbert Naunhof');
		// a second sign-in finds the account by the provider's subject
		await context.clearCookies(); // ours and the provider's
		await page.goto(`${app.url}/anmelden`);
		await page.getByRole('button', { name: 'Anmelden mit Kommunales Konto' }).click();
		await atProvider(page, 'admin.naunhof');
		await page.waitForURL(`${app.url}/verwaltung`);
		await context.close();
	});

	it('turns away an address that has no account, with a clear message', async () => {
		const context = await browser.newContext({ locale: 'de-DE' });
		const page = await context.newPage();
		await page.goto(`${app.url}/anmelden`);
		await page.getByRole('button', { name: 'Anmelden mit Kommunales Konto' }).click();
		await atProvider(page, 'fremd');
		await page.waitForURL(`${app.url}/anmelden?sso=unbekannt`);
		await page.getByText('Zu diesem Dienstkonto gibt es bei uns kein Konto').waitFor();
		expect((await context.cookies()).some((c) => c.name === 'sid')).toBe(false);
		await context.close();
	});

	it('lets an invited person accept by signing in at the provider, without a password of ours', async () => {
		const adminContext = await browser.newContext({ locale: 'de-DE' });
		const admin = await adminContext.newPage();
		await signIn(admin, app.url, 'admin.naunhof@partheland.example');
		await admin.goto(`${app.url}/verwaltung/personen`);
		await admin.getByLabel('E-Mail-Adresse').fill('sso.neu@example.org');
		await admin.getByLabel('Rolle und Bereich').selectOption('staff@14729300');
		await admin.getByRole('button', { name: 'Einladung senden' }).click();
		await admin.getByText('Die Einladung an sso.neu@example.org ist verschickt').waitFor();
		const link = await linkFromOutbox(browser, app.url, 'sso.neu@example.org', '/einladung/');

		const context = await browser.newContext({ locale: 'de-DE' });
		const page = await context.newPage();
		await page.goto(link);
		await page.getByRole('button', { name: 'Anmelden mit Kommunales Konto' }).click();
		await atProvider(page, 'sso.neu');
		await page.waitForURL(`${app.url}/verwaltung?willkommen`);
		expect(await page.locator('.scopes').textContent()).toContain('Naunhof');
		await page.goto(`${app.url}/konto`);
		// no password of ours: the account page asks for none to change the address
		expect(await page.locator('#email-password').count()).toBe(0);
		await admin.reload();
		expect(await admin.locator('table').textContent()).toContain('Person sso.neu');
		await adminContext.close();
		await context.close();
	});
});
