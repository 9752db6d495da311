import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startServer, type RunningServer } from './server.ts';
import { hostileValue, SCRIPT } from './fuzz-values.ts';
import { postForms } from './forms.ts';
import { openDatabase, queryRows } from '../src/lib/server/db/client.ts';
import { issueApiKey, sessionOf } from './people.ts';
import { everyRoute } from './routes.ts';
import { BORSDORF, labelPoint } from './region.ts';

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

/** The post forms of a page with the names of their fields. */
async function formsOf(page: string, cookie?: string) {
	const html = await (await fetch(server.url + page, { headers: cookie ? { cookie } : {} })).text();
	return postForms(html, page).map((f) => ({ ...f, names: [...new Set([...f.fields.map(([k]) => k), ...f.files.map(([k]) => k)])] }));
}
type Form = Awaited<ReturnType<typeof formsOf>>[number];

const fileName = fc.constantFrom('foto.jpg', '../../../etc/passwd', '..\\..\\boot.ini', 'a\u0000.jpg', `${'x'.repeat(300)}.png`, 'bild.svg', '<script>.jpg');
const fileBody = fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(new TextEncoder().encode('<svg onload=alert(1)>')), fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])));

function body(form: Form) {
	const names = [...form.names, 'unerwartet', 'photos'];
	return fc.tuple(
		fc.array(fc.tuple(fc.constantFrom(...names), hostileValue), { maxLength: 8 }),
		fc.array(fc.tuple(fileName, fileBody), { maxLength: 2 }),
		fc.constantFrom('urlencoded', 'multipart', 'json', 'none')
	);
}

/** Every report the platform acknowledged during the run: its number, how it came, its text. */
const accepted = new Map<number, { source: string; description: string }>();

type Body = [pairs: [string, string][], files: [string, Uint8Array<ArrayBuffer>][], kind: string];

/** Posts one generated body to the form: no 5xx, no payload unescaped, no stack trace. */
async function send(form: Form, [pairs, files, kind]: Body, cookie?: string) {
	const target = new URL(form.action || form.page, server.url + form.page).href;
	const headers: Record<string, string> = { origin: server.url, ...(cookie ? { cookie } : {}) };
	let payload: BodyInit | undefined;
	if (kind === 'urlencoded') {
		payload = new URLSearchParams(pairs).toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (kind === 'multipart') {
		const data = new FormData();
		for (const [k, v] of pairs) data.append(k, v);
		for (const [name, bytes] of files) data.append(form.files[0]?.[0] ?? 'photos', new Blob([bytes]), name);
		payload = data;
	} else if (kind === 'json') {
		payload = JSON.stringify(Object.fromEntries(pairs));
		headers['content-type'] = 'application/json';
	}
	const res = await fetch(target, { method: 'POST', headers, body: payload, redirect: 'manual' });
	const text = await res.text();
	const where = `${form.page} → ${target} (${kind}) → ${res.status}`;
	expect(res.status, where).toBeLessThan(500);
	// a report the sender was told about, by its number
	const created = /^\/anliegen\/gesendet\?nr=(\d+)|^\/anliegen\/(\d+)\?neu|^\/verwaltung\/anliegen\/(\d+)$/.exec(res.headers.get('location') ?? '');
	if (res.status === 303 && created) accepted.set(Number(created[1] ?? created[2] ?? created[3]), { source: created[3] ? 'staff' : 'web', description: pairs.find(([k]) => k === 'description')?.[1] ?? '' });
	if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
		expect(text, where).not.toContain(SCRIPT);
		expect(text, where).not.toContain('<svg onload');
		expect(text, where).not.toMatch(/at [^\n]+\.(ts|js):\d+:\d+/);
	}
}

describe('bad input to every form a guest can reach', () => {
	it('never answers 5xx, never echoes a payload unescaped', async () => {
		const forms = (await Promise.all(pages.map((p) => formsOf(p)))).flat();
		expect(forms.length).toBeGreaterThan(5);
		// the report form with its photos is among them
		expect(forms.some((f) => f.names.includes('description') && f.names.includes('photos'))).toBe(true);
		for (const form of forms) await fc.assert(fc.asyncProperty(body(form), (b) => send(form, b)), { numRuns: runs });
	});
});

/**
 * Open311 POST Service Request with a valid key: a complete request with one to four fields
 * replaced by hostile values, dropped or doubled, in every content type. A refusal is the Open311
 * error list; an acceptance is 201 with the request's id. It runs before the signed-in forms are
 * fuzzed: those may change the category it reports in (its municipalities, its questions).
 */
describe('bad input to Open311 POST', () => {
	it('answers 201 with an id or an Open311 error, never 5xx', async () => {
		const admin = await sessionOf(server.url, 'admin@partheland.example');
		const apiKey = await issueApiKey(server.url, admin, 'Fuzz-App', '');
		const point = await labelPoint(server.url, BORSDORF);
		const [lon, lat] = [String(point.lon), String(point.lat)];
		const complete: [string, string][] = [['api_key', apiKey], ['service_code', 'sonstiges'], ['lat', lat], ['long', lon], ['description', 'Ein umgestürzter Baum blockiert den Weg.'], ['email', 'fuzz@example.org'], ['first_name', 'Fuzz'], ['address_string', 'Am Weg 1'], ['media_url', 'https://example.org/foto.jpg']];
		const names = [...complete.map(([k]) => k), 'jurisdiction_id', 'attribute[flaeche]', 'attribute[x][]', 'device_id', 'account_id', 'unerwartet'];
		const request = fc.tuple(
			fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(hostileValue, fc.constant(null))), { minLength: 1, maxLength: 4 }),
			fc.constantFrom('urlencoded', 'multipart', 'json', 'none'),
			fc.constantFrom('json', 'xml')
		);
		let created = 0;
		await fc.assert(
			fc.asyncProperty(request, async ([changes, kind, format]) => {
				const pairs = complete.map(([k, v]) => [k, v] as [string, string | null]);
				for (const [name, value] of changes) {
					const at = pairs.findIndex(([k]) => k === name);
					if (at >= 0) pairs[at][1] = value;
					else if (value !== null) pairs.push([name, value]);
				}
				const fields = pairs.filter((p): p is [string, string] => p[1] !== null);
				let body: BodyInit | undefined;
				const headers: Record<string, string> = {};
				if (kind === 'urlencoded') body = new URLSearchParams(fields);
				else if (kind === 'multipart') {
					body = new FormData();
					for (const [k, v] of fields) body.append(k, v);
				} else if (kind === 'json') {
					body = JSON.stringify(Object.fromEntries(fields));
					headers['content-type'] = 'application/json';
				}
				const res = await fetch(`${server.url}/georeport/v2/requests.${format}`, { method: 'POST', headers, body });
				const text = await res.text();
				const where = `${kind} ${format} ${JSON.stringify(changes)} → ${res.status} ${text.slice(0, 200)}`;
				expect(res.status, where).toBeLessThan(500);
				if (res.status === 201) {
					const id = format === 'json' ? JSON.parse(text)[0].service_request_id : /<service_request_id>(\d+)<\/service_request_id>/.exec(text)![1];
					accepted.set(Number(id), { source: 'open311', description: fields.find(([k]) => k === 'description')?.[1] ?? '' });
					created++;
				} else if (format === 'json') {
					const errors = JSON.parse(text);
					expect(errors[0], where).toMatchObject({ code: res.status, description: expect.any(String) });
				} else expect(text, where).toMatch(/<errors>\s*<error>\s*<code>\d{3}<\/code>/);
			}),
			{ numRuns: runs * 4 }
		);
		// a complete request is accepted: the property is not only refusals
		const res = await fetch(`${server.url}/georeport/v2/requests.json`, { method: 'POST', body: new URLSearchParams(complete) });
		expect(res.status).toBe(201);
		accepted.set(Number((await res.json())[0].service_request_id), { source: 'open311', description: complete[4][1] });
		console.info(`Open311 POST fuzzed: ${runs * 4} requests, ${created} accepted`);
	});
});

/**
 * The forms of the signed-in: every back-office page's forms as the platform admin gets them
 * (the most), the citizen's account and participation forms, the organiser's. Each is posted as
 * its page filled it in with one to four fields replaced by hostile values, so the requests get
 * past the first check and reach the domain. Forms that end the session or take the admin's
 * rights away are left out, since the rest of the run needs them.
 */
const signedIn: [who: string, pages: string[]][] = [
	[
		'admin@partheland.example',
		everyRoute((d) => ({ '[ags]': '14729060', '[code]': 'sonstiges' })[d] ?? (d.startsWith('[') ? '1' : d))
			.filter((r) => r.path.startsWith('/verwaltung') && r.actions.length)
			.map((r) => r.path)
	],
	['buerger@partheland.example', ['/konto', '/beteiligung/ideen/1', '/beteiligung/1/ideen/neu', '/beteiligung/umfragen/1']],
	['verein.borsdorf@partheland.example', ['/veranstaltungen/meine/neu']]
];
const ending = /\?\/(delete|logoutAll|password|email|revoke|withdraw)$/;

function realWithHostile(form: Form) {
	return fc.tuple(
		fc.array(fc.tuple(fc.nat(form.fields.length), hostileValue), { minLength: 1, maxLength: 4 }),
		fc.array(fc.tuple(fileName, fileBody), { maxLength: form.files.length ? 1 : 0 }),
		fc.constantFrom(form.enctype.startsWith('multipart') ? 'multipart' : 'urlencoded', 'multipart', 'json')
	).map(([changes, files, kind]): Body => {
		const pairs = form.fields.map(([k, v]) => [k, v] as [string, string]);
		for (const [i, value] of changes) {
			if (pairs[i]) pairs[i][1] = value;
			else pairs.push(['unerwartet', value]);
		}
		return [pairs, files, kind];
	});
}

describe('bad input to the forms of the signed-in', () => {
	it('never answers 5xx, never echoes a payload unescaped', async () => {
		let forms = 0;
		for (const [who, list] of signedIn) {
			const cookie = await sessionOf(server.url, who);
			for (const page of list) {
				for (const form of (await formsOf(page, cookie)).filter((f) => !ending.test(f.action))) {
					await fc.assert(fc.asyncProperty(realWithHostile(form), (b) => send(form, b, cookie)), { numRuns: Math.max(2, Math.ceil(runs / 3)) });
					forms++;
				}
			}
		}
		console.info(`signed-in forms fuzzed: ${forms}`);
		expect(forms).toBeGreaterThan(60);
	}, 600_000);
});

describe('after the bad input', () => {
	it('the database holds exactly the reports that were acknowledged, with the text that was sent', async () => {
		await server.stop();
		const database = await openDatabase({ dir: path.join(server.dataDir, 'db') });
		try {
			const rows = await queryRows<{ id: number; source: string; description: string }>(database.db, sql`select id, source, description from report order by id`);
			expect(rows.map((r) => r.id)).toEqual([...accepted.keys()].sort((a, b) => a - b));
			for (const row of rows) {
				const sent = accepted.get(row.id)!;
				expect(row.source, `report ${row.id}`).toBe(sent.source);
				expect(row.description, `report ${row.id}`).toBe(sent.description.trim());
			}
			expect(rows.some((r) => r.source === 'open311')).toBe(true);
		} finally {
			await database.close();
		}
	});
});
