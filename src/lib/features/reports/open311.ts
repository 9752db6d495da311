/**
 * Open311 GeoReport v2 wire formats: XML (required by the specification) and JSON (the XML mapped
 * plainly, lists as arrays). Schemaless XML without namespace, `text/xml; charset=utf-8`.
 */
export type Open311Format = 'json' | 'xml';
export const isOpen311Format = (v: string): v is Open311Format => v === 'json' || v === 'xml';

const CONTENT_TYPE = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' } as const;

/** The element name of a list's items, e.g. <services><service>…; lists not named here use "item". */
const ITEM_NAMES: Record<string, string> = {
	services: 'service',
	attributes: 'attribute',
	values: 'value',
	errors: 'error',
	service_requests: 'request',
	endpoints: 'endpoint',
	formats: 'format',
	notes: 'note'
};

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function element(name: string, value: unknown, indent: string): string {
	if (value === null || value === undefined) return `${indent}<${name}></${name}>`;
	if (Array.isArray(value)) {
		const item = ITEM_NAMES[name] ?? 'item';
		const children = value.map((v) => element(item, v, `${indent}\t`)).join('\n');
		return children ? `${indent}<${name}>\n${children}\n${indent}</${name}>` : `${indent}<${name}></${name}>`;
	}
	if (typeof value === 'object') {
		const children = Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => element(k, v, `${indent}\t`))
			.join('\n');
		return `${indent}<${name}>\n${children}\n${indent}</${name}>`;
	}
	return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A document whose root is `root`; a list body becomes the root's repeated children. */
export function toXml(root: string, body: unknown) {
	return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body, '')}\n`;
}

export function open311Response(format: Open311Format, root: string, body: unknown, status = 200) {
	const text = format === 'json' ? JSON.stringify(body) : toXml(root, body);
	return new Response(text, { status, headers: { 'content-type': CONTENT_TYPE[format], 'access-control-allow-origin': '*' } });
}

/** Errors as the specification wants them: a list of {code, description}, with the HTTP status. */
export function open311Error(format: Open311Format, status: 400 | 403 | 404 | 503, description: string) {
	return open311Response(format, 'errors', [{ code: status, description }], status);
}
