import { describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { SCRIPT, valueFor } from './fuzz-values.ts';

/**
 * Bad input, part 1: every read endpoint (the JSON API from its own OpenAPI document, OParl,
 * Open311, the feeds, the downloads and the public pages with their filters) is called with
 * generated parameters – valid ones, wrong types, huge strings, Unicode edge cases, SQL and
 * script payloads, path traversal. Nothing may answer 5xx, a refusal must be the interface's own
 * error form, and no payload may come back unescaped in HTML. `FUZZ_RUNS` sets the number of
 * requests per target (npm test: a bounded run; `npm run fuzz`: a large one).
 */
const base = inject('baseUrl');
const runs = Number(process.env.FUZZ_RUNS ?? 12);

/** Cursors as a client could craft them: valid JSON in base64url, with hostile values. */
const craftedCursor = fc
	.record({ id: fc.oneof(fc.integer(), fc.constant(99_999_999_999), fc.double()), at: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), n: fc.integer(), s: fc.integer(), name: fc.string() }, { requiredKeys: [] })
	.map((o) => Buffer.from(JSON.stringify(o)).toString('base64url'));

type Param = { name: string; schema?: { type?: string | string[]; enum?: unknown[]; default?: unknown } };
const documented = (p: Param) => [...(p.schema?.enum ?? []), ...(p.schema?.default !== undefined ? [p.schema.default] : [])].map(String);
type Target = { name: string; path: fc.Arbitrary<string>; params: Param[]; kind: 'api' | 'oparl' | 'open311' | 'page' | 'file' };

const free = (names: string[]) => names.map((name) => ({ name }));
/** A path segment: a real-looking id or something hostile, always a valid URL. */
const segment = fc.oneof(fc.constantFrom('1', '14729300', 'partheland', '0', '-1', '999999999999', 'abc', '..', '%2e%2e', '%00', 'a'.repeat(300)), fc.string({ maxLength: 12 }).map(encodeURIComponent));

function query(params: Param[]) {
	return fc.array(fc.constantFrom(...params, { name: 'unerwartet' }), { maxLength: 4 }).chain((chosen) =>
		fc.tuple(...chosen.map((p) => (p.name === 'cursor' ? fc.oneof(craftedCursor, valueFor(documented(p))) : valueFor(documented(p))).map((v) => [p.name, v] as const))).map((pairs) => pairs)
	);
}

function url(path: string, pairs: readonly (readonly [string, string])[]) {
	const u = new URL(path.replace(/^\/?/, '/'), base);
	for (const [k, v] of pairs) u.searchParams.append(k, v);
	return u.href;
}

async function check(target: Target, href: string) {
	const res = await fetch(href, { redirect: 'manual' });
	const type = res.headers.get('content-type') ?? '';
	const body = await res.text();
	const where = `${target.name}: ${href.slice(0, 300)} → ${res.status}`;
	expect(res.status, where).toBeLessThan(500);
	// 414/431: the HTTP server refuses an over-long request line before the platform sees it
	if (res.status >= 400 && res.status !== 414 && res.status !== 431) {
		if (target.kind === 'api') expect(type, where).toMatch(/^application\/problem\+json/);
		if (target.kind === 'oparl') expect(JSON.parse(body).type, where).toBe('https://schema.oparl.org/1.1/Error');
		if (target.kind === 'open311' && href.includes('.json')) expect(Array.isArray(JSON.parse(body)), where).toBe(true);
	}
	if (type.startsWith('text/html')) {
		expect(body, where).not.toContain(SCRIPT);
		expect(body, where).not.toContain('onerror=alert');
		expect(body, where).not.toMatch(/at [^\n]+\.(ts|js):\d+:\d+/); // never a stack trace
	}
}

describe('bad input to every read endpoint', async () => {
	const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: Record<string, { get: { parameters: (Param & { in: string })[] } }> };
	const targets: Target[] = [
		...Object.entries(doc.paths).map(([path, ops]) => ({
			name: `GET /api/v1${path}`,
			kind: 'api' as const,
			path: path.includes('{') ? segment.map((s) => `/api/v1${path.replace(/\{[^}]+\}/, s)}`) : fc.constant(`/api/v1${path}`),
			params: ops.get.parameters.filter((p) => p.in === 'query')
		})),
		{ name: 'OParl object', kind: 'oparl', path: fc.tuple(fc.constantFrom('organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'location', 'membership', 'legislativeTerm', 'body', 'nichts'), segment).map(([k, id]) => `/oparl/v1.1/${k}/${id}`), params: free(['limit']) },
		{ name: 'OParl list', kind: 'oparl', path: fc.constantFrom('meeting', 'paper', 'person', 'agendaItem', 'file', 'location').map((k) => `/oparl/v1.1/body/partheland/${k}`), params: free(['created_since', 'created_until', 'modified_since', 'modified_until', 'limit', 'omit_internal', 'after']) },
		{ name: 'OParl file', kind: 'oparl', path: fc.tuple(segment, fc.constantFrom('access', 'download', 'x')).map(([id, a]) => `/oparl/v1.1/file/${id}/${a}`), params: [] },
		{ name: 'Open311 requests', kind: 'open311', path: fc.constantFrom('/georeport/v2/requests.json', '/georeport/v2/requests.xml'), params: free(['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size', 'extensions', 'jurisdiction_id']) },
		{ name: 'Open311 request', kind: 'open311', path: segment.map((s) => `/georeport/v2/requests/${s}.json`), params: [] },
		{ name: 'Open311 service', kind: 'open311', path: segment.map((s) => `/georeport/v2/services/${s}.json`), params: [] },
		{ name: 'downloads', kind: 'file', path: fc.tuple(fc.constantFrom('massnahmen', 'anliegen', 'orte', 'gibtsnicht', '..'), fc.constantFrom('csv', 'json', 'geojson', 'exe')).map(([d, f]) => `/opendaten/daten/${d}.${f}`), params: free(['kommune']) },
		{ name: 'feeds', kind: 'file', path: fc.constantFrom('/veranstaltungen.ics', '/nachrichten/rss.xml', '/nachrichten/atom.xml', '/anliegen/karte.geojson', '/orte/karte.geojson', '/kooperation/massnahmen.csv', '/kooperation/beschluesse.csv'), params: free(['kommune', 'kategorie', 'bbox', 'status', 'gremium', 'ergebnis', 'jahr', 'stimme', 'feld']) },
		{
			name: 'pages with filters',
			kind: 'page',
			path: fc.constantFrom('/anliegen', '/veranstaltungen', '/orte', '/nachrichten', '/kooperation', '/kooperation/massnahmen', '/gremien/beschluesse', '/beteiligung', '/suche', '/opendaten'),
			params: free(['kommune', 'kategorie', 'status', 'ansicht', 'datum', 'von', 'bis', 'seite', 'nach', 'q', 'feld', 'jahr', 'ergebnis', 'kostenlos', 'stufenlos', 'sortierung'])
		},
		{ name: 'pages by id', kind: 'page', path: fc.tuple(fc.constantFrom('/anliegen', '/veranstaltungen', '/orte', '/nachrichten', '/kooperation/massnahmen', '/gremien/sitzungen', '/gremien/vorlagen', '/beteiligung', '/beteiligung/ideen', '/kommunen', '/opendaten'), segment).map(([p, s]) => `${p}/${s}`), params: [] }
	];

	for (const target of targets) {
		it(`never fails on ${target.name}`, async () => {
			await fc.assert(
				fc.asyncProperty(target.path, target.params.length ? query(target.params) : fc.constant([]), async (path, pairs) => check(target, url(path, pairs))),
				{ numRuns: runs }
			);
		});
	}
});
