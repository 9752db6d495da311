import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { browserEnabled, openContext, useBrowser } from './browser.ts';
import { signIn } from './people.ts';
import { BORSDORF, labelPoint } from './region.ts';

const site = inject('baseUrl');
const base = `${site}/georeport/v2`;

describe('Open311 GeoReport v2: services', () => {
	it('lists the categories as services in JSON', async () => {
		const res = await fetch(`${base}/services.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const services = await res.json();
		expect(services).toHaveLength(9);
		expect(services[0]).toEqual({
			service_code: 'strassenschaeden',
			service_name: 'Straßenschäden',
			description: 'Schlaglöcher, Risse und Schäden an Straßen, Geh- und Radwegen',
			metadata: true,
			type: 'realtime',
			keywords: 'Schlagloch, Gehweg, Radweg, Pflaster',
			group: 'Straße und Verkehr'
		});
		expect(services.find((s: { service_code: string }) => s.service_code === 'sonstiges').metadata).toBe(false);
	});

	it('lists them in XML, the format the specification requires', async () => {
		const res = await fetch(`${base}/services.xml`);
		expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
		const xml = await res.text();
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>\n\t<service>\n\t\t<service_code>strassenschaeden</service_code>')).toBe(true);
		expect(xml.match(/<service>/g)).toHaveLength(9);
		expect(xml).toContain('<service_name>Grünflächen &amp; Bäume</service_name>');
	});

	it('describes a service’s attributes in both formats', async () => {
		const json = await (await fetch(`${base}/services/strassenschaeden.json`)).json();
		expect(json.service_code).toBe('strassenschaeden');
		expect(json.attributes[0]).toMatchObject({ variable: true, code: 'flaeche', datatype: 'singlevaluelist', required: true, order: 1, description: 'Wo ist der Schaden?' });
		expect(json.attributes[0].values).toEqual([
			{ key: 'fahrbahn', name: 'Fahrbahn' },
			{ key: 'gehweg', name: 'Gehweg' },
			{ key: 'radweg', name: 'Radweg' }
		]);
		const xml = await (await fetch(`${base}/services/strassenschaeden.xml`)).text();
		expect(xml).toContain('<service_definition>\n\t<service_code>strassenschaeden</service_code>\n\t<attributes>\n\t\t<attribute>');
		expect(xml).toContain('<value>\n\t\t\t\t\t<key>fahrbahn</key>\n\t\t\t\t\t<name>Fahrbahn</name>');
	});

	it('accepts the region or a member as jurisdiction_id and refuses others with a 404 in its own error format', async () => {
		expect((await fetch(`${base}/services.json?jurisdiction_id=partheland`)).status).toBe(200);
		expect((await fetch(`${base}/services.json?jurisdiction_id=14729300`)).status).toBe(200);
		expect((await fetch(`${base}/services.json?jurisdiction_id=`)).status).toBe(200); // empty = not given
		const res = await fetch(`${base}/services.xml?jurisdiction_id=sfgov.org`);
		expect(res.status).toBe(404);
		expect(await res.text()).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<errors>\n\t<error>\n\t\t<code>404<\/code>\n\t\t<description>jurisdiction_id „sfgov.org“/);
	});

	it('answers unknown services, formats and resources with a 404 error list', async () => {
		const unknown = await fetch(`${base}/services/gibt-es-nicht.json`);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual([{ code: 404, description: 'service_code „gibt-es-nicht“ gibt es nicht.' }]);
		const format = await fetch(`${base}/services.html`);
		expect(format.status).toBe(404);
		expect((await format.json())[0].code).toBe(404);
		const other = await fetch(`${base}/gibt-es-nicht.xml`);
		expect(other.status).toBe(404);
		expect(await other.text()).toContain('<errors>');
	});
});

describe.skipIf(!browserEnabled)('Open311 GeoReport v2: service requests', () => {
	const browser = useBrowser();
	let regionKey: string;
	let naunhofKey: string;
	let borsdorf: { lat: number; lon: number };

	/** Issues a key in the back office, as an admin would, and reads it off the page. */
	async function issueKey(email: string, name: string, scope: string) {
		const { context } = await openContext(browser(), site);
		const page = await context.newPage();
		await signIn(page, site, email);
		await page.goto(`${site}/verwaltung/schnittstellen`);
		await page.getByLabel('Wer nutzt ihn?').fill(name);
		await page.getByLabel('Gilt für').selectOption({ label: scope });
		await page.getByRole('button', { name: 'Schlüssel ausgeben' }).click();
		const key = (await page.locator('code.key').textContent())!.trim();
		await context.close();
		return key;
	}

	const post = (format: 'json' | 'xml', body: Record<string, string>, headers: Record<string, string> = {}) =>
		fetch(`${base}/requests.${format}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://eine-app.example', ...headers },
			body: new URLSearchParams(body)
		});

	beforeAll(async () => {
		regionKey = await issueKey('admin@partheland.example', 'Test-App der Region', 'ganze Region');
		naunhofKey = await issueKey('admin.naunhof@partheland.example', 'Naunhof-App', 'Naunhof');
		borsdorf = await labelPoint(site, BORSDORF);
	});

	it('creates a request from a cross-origin form post with a key, routed like the form', async () => {
		const res = await post('json', {
			api_key: regionKey,
			service_code: 'strassenschaeden',
			lat: String(borsdorf.lat),
			long: String(borsdorf.lon),
			'attribute[flaeche]': 'radweg',
			description: 'Wurzelaufbrüche auf dem Radweg.',
			first_name: 'Max',
			last_name: 'Muster',
			email: 'max.muster@example.org',
			media_url: 'https://fotos.example/123.jpg'
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const body = await res.json();
		expect(body).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), service_notice: null, account_id: null }]);
		const id = body[0].service_request_id;

		const [request] = await (await fetch(`${base}/requests/${id}.json`)).json();
		expect(Object.keys(request)).toEqual([
			'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
			'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'
		]);
		expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'strassenschaeden', service_name: 'Straßenschäden', agency_responsible: 'Borsdorf', description: null, media_url: null });
		expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
		expect(request.lat).toBeCloseTo(borsdorf.lat, 5);
		expect(request.long).toBeCloseTo(borsdorf.lon, 5);
		// the reporter's name, address and the unreleased text never leave the server
		const all = await (await fetch(`${base}/requests.json?extensions=true`)).text();
		for (const secret of ['Max', 'max.muster@example.org', 'Wurzelaufbrüche', 'fotos.example']) expect(all).not.toContain(secret);

		const xml = await (await fetch(`${base}/requests/${id}.xml`)).text();
		expect(xml).toContain(`<service_requests>\n\t<request>\n\t\t<service_request_id>${id}</service_request_id>\n\t\t<status>open</status>`);
		expect(xml).toContain('<description></description>');
	});

	it('filters by service_request_id (overriding the rest), service_code, status and dates, with page_size and the history extension', async () => {
		const ids: string[] = [];
		for (const code of ['winterdienst', 'gewaesser']) {
			const res = await post('json', { api_key: regionKey, service_code: code, lat: String(borsdorf.lat + 0.001 * ids.length), long: String(borsdorf.lon), description: `Test ${code} über die Schnittstelle` });
			ids.push((await res.json())[0].service_request_id);
		}
		const byId = await (await fetch(`${base}/requests.json?service_request_id=${ids.join(',')}&service_code=sonstiges&status=closed`)).json();
		expect(byId.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([...ids].sort());
		const winter = await (await fetch(`${base}/requests.json?service_code=winterdienst&status=open`)).json();
		expect(winter.some((r: { service_request_id: string }) => r.service_request_id === ids[0])).toBe(true);
		expect(winter.every((r: { service_code: string }) => r.service_code === 'winterdienst')).toBe(true);
		expect(await (await fetch(`${base}/requests.json?status=closed&service_code=winterdienst`)).json()).toEqual([]);
		const old = await (await fetch(`${base}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).json();
		expect(old).toEqual([]);
		const page1 = await (await fetch(`${base}/requests.json?page_size=1&page=1`)).json();
		const page2 = await (await fetch(`${base}/requests.json?page_size=1&page=2`)).json();
		expect(page1).toHaveLength(1);
		expect(page2).toHaveLength(1);
		expect(page1[0].service_request_id).not.toBe(page2[0].service_request_id);
		const [withHistory] = await (await fetch(`${base}/requests/${ids[0]}.json?extensions=true`)).json();
		expect(withHistory.extended_attributes.status).toBe('received');
		expect(withHistory.extended_attributes.notes[0]).toMatchObject({ type: 'confirmed', status: 'received' });
	});

	it('answers every error in the specification’s format', async () => {
		const cases: [Promise<Response>, number, RegExp][] = [
			[post('json', { service_code: 'sonstiges', lat: '51.3', long: '12.5', description: 'Ohne Schlüssel gesendet.' }), 403, /api_key/],
			[post('json', { api_key: 'plk_falsch_falsch_falsch_falsch', service_code: 'sonstiges', lat: '51.3', long: '12.5', description: 'Falscher Schlüssel.' }), 403, /api_key/],
			[post('json', { api_key: regionKey, lat: '51.3', long: '12.5', description: 'Ohne service_code gesendet.' }), 400, /service_code/],
			[post('json', { api_key: regionKey, service_code: 'gibts-nicht', lat: String(borsdorf.lat), long: String(borsdorf.lon), description: 'Unbekannte Kategorie.' }), 404, /service_code/],
			[post('json', { api_key: regionKey, service_code: 'sonstiges', description: 'Ohne Ort gesendet.' }), 400, /lat/],
			[post('json', { api_key: regionKey, service_code: 'sonstiges', lat: '51.3397', long: '12.3731', description: 'In Leipzig, außerhalb.' }), 400, /Leipzig/],
			[post('json', { api_key: regionKey, service_code: 'strassenschaeden', lat: String(borsdorf.lat), long: String(borsdorf.lon), description: 'Pflichtfrage fehlt hier.' }), 400, /attribute\[flaeche\]/],
			[post('json', { api_key: naunhofKey, service_code: 'sonstiges', lat: String(borsdorf.lat), long: String(borsdorf.lon), description: 'Naunhofs Schlüssel in Borsdorf.' }), 403, /andere Kommune/],
			[post('json', { api_key: regionKey, service_code: 'sonstiges', lat: '51.3', long: '12.5', description: 'x'.repeat(4001) }), 400, /description/],
			[fetch(`${base}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`), 400, /90 Tage/],
			[fetch(`${base}/requests.json?start_date=gestern`), 400, /ISO 8601/],
			[fetch(`${base}/requests.json?status=offen`), 400, /status/],
			[fetch(`${base}/requests.json?service_code=gibts-nicht`), 404, /service_code/],
			[fetch(`${base}/requests/999999.json`), 404, /999999/],
			[fetch(`${base}/tokens/00000000-0000-0000-0000-000000000000.json`), 404, /token/]
		];
		for (const [pending, status, description] of cases) {
			const res = await pending;
			const body = await res.json();
			expect(res.status, JSON.stringify(body)).toBe(status);
			expect(body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
		}
		const xml = await post('xml', { service_code: 'sonstiges' });
		expect(xml.status).toBe(403);
		expect(await xml.text()).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<errors>\n\t<error>\n\t\t<code>403<\/code>/);
	});

	it('serves discovery in both formats', async () => {
		const json = await (await fetch(`${base}/discovery.json`)).json();
		expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${site}/georeport/v2`, type: 'production', formats: ['text/xml', 'application/json'] });
		expect(json.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const xml = await (await fetch(`${base}/discovery.xml`)).text();
		expect(xml).toContain('<discovery>');
		expect(xml).toContain('<endpoints>\n\t\t<endpoint>');
		expect(xml).toContain('<formats>\n\t\t\t\t<format>text/xml</format>');
	});

	it('takes no request from a revoked key', async () => {
		const { context } = await openContext(browser(), site);
		const page = await context.newPage();
		await signIn(page, site, 'admin@partheland.example');
		await page.goto(`${site}/verwaltung/schnittstellen`);
		await page.locator('tr', { hasText: 'Test-App der Region' }).getByRole('button', { name: 'Widerrufen' }).click();
		await page.getByText('Der Schlüssel ist widerrufen.').waitFor();
		await context.close();
		const res = await post('json', { api_key: regionKey, service_code: 'sonstiges', lat: String(borsdorf.lat), long: String(borsdorf.lon), description: 'Mit widerrufenem Schlüssel.' });
		expect(res.status).toBe(403);
	});
});
