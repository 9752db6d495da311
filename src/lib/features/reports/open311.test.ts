import { describe, expect, it } from 'vitest';
import { open311Error, toXml } from './open311.ts';

describe('Open311 formats', () => {
	it('writes lists as repeated elements under the root, escaped, without namespace', () => {
		expect(toXml('services', [{ service_code: 'a', service_name: 'Müll & <Schrott>', metadata: false, group: null }])).toBe(
			'<?xml version="1.0" encoding="utf-8"?>\n<services>\n\t<service>\n\t\t<service_code>a</service_code>\n\t\t<service_name>Müll &amp; &lt;Schrott&gt;</service_name>\n\t\t<metadata>false</metadata>\n\t\t<group></group>\n\t</service>\n</services>\n'
		);
	});

	it('nests attributes and values of a service definition', () => {
		const xml = toXml('service_definition', { service_code: 'x', attributes: [{ code: 'c', values: [{ key: 'k', name: 'N' }] }] });
		expect(xml).toContain('<attributes>\n\t\t<attribute>\n\t\t\t<code>c</code>\n\t\t\t<values>\n\t\t\t\t<value>\n\t\t\t\t\t<key>k</key>');
	});

	it('answers errors as the specification says, in both formats', async () => {
		const json = open311Error('json', 404, 'gibt es nicht');
		expect(json.status).toBe(404);
		expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await json.json()).toEqual([{ code: 404, description: 'gibt es nicht' }]);
		const xml = open311Error('xml', 400, 'falsch');
		expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
		expect(await xml.text()).toBe(
			'<?xml version="1.0" encoding="utf-8"?>\n<errors>\n\t<error>\n\t\t<code>400</code>\n\t\t<description>falsch</description>\n\t</error>\n</errors>\n'
		);
	});
});
