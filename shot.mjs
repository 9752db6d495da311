import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://localhost:4311';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const pages = (process.env.PAGES ?? '/beteiligung').split(',');
if (process.env.LOGIN) {
	await page.goto(base + '/anmelden');
	await page.fill('input[name=email]', process.env.LOGIN);
	await page.fill('input[name=password]', 'partheland-demo');
	await page.click('form button[type=submit]');
	await page.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
}
for (const [i, p] of pages.entries()) {
	const r = await page.goto(base + p);
	await page.waitForTimeout(1200);
	console.log(p, r.status());
	await page.screenshot({ path: `/tmp/shot-${i}.png`, fullPage: true });
}
await browser.close();
