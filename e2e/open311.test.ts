import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const base = `${inject('baseUrl')}/georeport/v2`;

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
