import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startServer, type RunningServer } from './server.ts';
import { hostileValue, SCRIPT } from './fuzz-values.ts';

/**
 * Bad input, part 2: every form a guest can reach is posted with generated values for its own
 * fields (read from the page, so a new field is fuzzed without being listed) and with unknown
 * fields, as URL-encoded, multipart (with files whose names try path traversal) or a wrong content
 * type. Nothing may answer 5xx, show a payload unescaped or a stack trace. The forms write (reports,
 * registrations, feedback), so they run against a server of their own.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 12);
let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ LOG_LEVEL: 'silent' });
});
afterAll(async () => {
	await server?.stop();
});

const pages = ['/anliegen/neu?kategorie=strassenschaeden', '/anliegen/neu?kategorie=sonstiges', '/anmelden', '/registrieren', '/passwort-vergessen', '/barrierefreiheit', '/anliegen/1', '/beteiligung/ideen/1', '/passwort-neu/abgelaufen', '/einladung/abgelaufen', '/anliegen/bestaetigen/abgelaufen'];

type Form = { page: string; action: string; enctype: string; fields: string[] };

/** The post forms of a page with the names of their fields. */
async function formsOf(page: string): Promise<Form[]> {
	const html = await (await fetch(server.url + page)).text();
	return [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)]
		.filter((m) => /method="post"/i.test(m[1]))
		.map((m) => ({
			page,
			action: /action="([^"]*)"/.exec(m[1])?.[1]?.replace(/&amp;/g, '&') ?? '',
			enctype: /enctype="([^"]*)"/.exec(m[1])?.[1] ?? 'application/x-www-form-urlencoded',
			fields: [...new Set([...m[2].matchAll(/<(?:input|select|textarea)[^>]*\bname="([^"]+)"/g)].map((f) => f[1]))]
		}));
}

const fileName = fc.constantFrom('foto.jpg', '../../../etc/passwd', '..\\..\\boot.ini', 'a\u0000.jpg', `${'x'.repeat(300)}.png`, 'bild.svg', '<script>.jpg');
const fileBody = fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(new TextEncoder().encode('<svg onload=alert(1)>')), fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])));

function body(form: Form) {
	const names = [...form.fields, 'unerwartet', 'photos'];
	return fc.tuple(
		fc.array(fc.tuple(fc.constantFrom(...names), hostileValue), { maxLength: 8 }),
		fc.array(fc.tuple(fileName, fileBody), { maxLength: 2 }),
		fc.constantFrom('urlencoded', 'multipart', 'json', 'none')
	);
}

describe('bad input to every form a guest can reach', () => {
	it('never answers 5xx, never echoes a payload unescaped', async () => {
		const forms = (await Promise.all(pages.map(formsOf))).flat();
		expect(forms.length).toBeGreaterThan(5);
		// the report form with its photos is among them
		expect(forms.some((f) => f.fields.includes('description') && f.fields.includes('photos'))).toBe(true);
		for (const form of forms) {
			await fc.assert(
				fc.asyncProperty(body(form), async ([pairs, files, kind]) => {
					const target = new URL(form.action || form.page, server.url + form.page).href;
					const headers: Record<string, string> = { origin: server.url };
					let payload: BodyInit | undefined;
					if (kind === 'urlencoded') {
						payload = new URLSearchParams(pairs).toString();
						headers['content-type'] = 'application/x-www-form-urlencoded';
					} else if (kind === 'multipart') {
						const data = new FormData();
						for (const [k, v] of pairs) data.append(k, v);
						for (const [name, bytes] of files) data.append('photos', new Blob([bytes]), name);
						payload = data;
					} else if (kind === 'json') {
						payload = JSON.stringify(Object.fromEntries(pairs));
						headers['content-type'] = 'application/json';
					}
					const res = await fetch(target, { method: 'POST', headers, body: payload, redirect: 'manual' });
					const text = await res.text();
					const where = `${form.page} → ${target} (${kind}) → ${res.status}`;
					expect(res.status, where).toBeLessThan(500);
					if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
						expect(text, where).not.toContain(SCRIPT);
						expect(text, where).not.toContain('<svg onload');
						expect(text, where).not.toMatch(/at [^\n]+\.(ts|js):\d+:\d+/);
					}
				}),
				{ numRuns: runs }
			);
		}
	});
});
