import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const base = inject('baseUrl');
const get = (p: string, init?: RequestInit) => fetch(base + p, init);

describe('JSON API /api/v1', () => {
	it('lists the municipalities as a GeoJSON FeatureCollection with boundaries and AGS', async () => {
		const res = await get('/api/v1/municipalities');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		const body = await res.json();
		expect(body.type).toBe('FeatureCollection');
		expect(body.features.map((f: { properties: { ags: string } }) => f.properties.ags)).toEqual([
			'14729020', '14729060', '14729070', '14729190', '14729250', '14729300', '14729340'
		]);
		const naunhof = body.features[5];
		expect(naunhof.geometry.type).toBe('MultiPolygon');
		expect(naunhof.properties).toMatchObject({ name: 'Naunhof', kind: 'Stadt', inhabitants: 8839, attribution: '© GeoBasis-DE / BKG 2017 (Daten verändert)' });
		expect(body.links.next).toBeUndefined();
	});

	it('pages through a list by cursor without gaps or repeats', async () => {
		const seen: string[] = [];
		let next: string | undefined = '/api/v1/municipalities?limit=3';
		let pages = 0;
		while (next) {
			const body = (await (await get(next)).json()) as { features: { id: string }[]; links: { next?: string } };
			seen.push(...body.features.map((f) => f.id));
			next = body.links.next;
			pages++;
		}
		expect(pages).toBe(3);
		expect(seen).toHaveLength(7);
		expect(new Set(seen).size).toBe(7);
	});

	it('answers bad parameters, bad cursors and unknown resources with RFC 9457 problem details', async () => {
		for (const [path, status] of [
			['/api/v1/municipalities?limit=0', 400],
			['/api/v1/municipalities?limit=abc', 400],
			['/api/v1/municipalities?cursor=not-a-cursor', 400],
			['/api/v1/municipalities/14729999', 404],
			['/api/v1/municipalities/abc', 404],
			['/api/v1/gibt-es-nicht', 404]
		] as const) {
			const res = await get(path);
			expect(res.status, path).toBe(status);
			expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
			const body = await res.json();
			expect(body, path).toMatchObject({ status, title: expect.any(String), type: 'about:blank' });
			expect(JSON.stringify(body), path).not.toMatch(/at .*\.js|stack/i);
		}
	});

	it('returns one municipality as a Feature', async () => {
		const body = await (await get('/api/v1/municipalities/14729190')).json();
		expect(body).toMatchObject({ type: 'Feature', id: '14729190', properties: { name: 'Großpösna' } });
	});

	it('publishes the Leitbild with goals and action fields linked as in the founding document', async () => {
		const body = await (await get('/api/v1/leitbild')).json();
		expect(body.goals).toHaveLength(16);
		expect(body.actionFields.map((f: { title: { de: string } }) => f.title.de)).toEqual([
			'Erledigung von Verwaltungsaufgaben, die Bedeutung für alle Kommunen haben',
			'Stärkung und Sicherung der Wirtschafts-, Wohn- und Schulstandorte',
			'Abstimmung gemeinsamer Maßnahmen zur Stärkung des Umwelt- und Klimaschutzes',
			'Abstimmung und Kooperation in den Bereichen Kultur, Tourismus und Marketing',
			'Digitaler Wandel',
			'Stärkung eines gemeinsamen Verständnisses zur „Region Partheland“'
		]);
		const links = Object.fromEntries(body.goals.map((g: { number: number; actionFields: number[] }) => [g.number, g.actionFields]));
		expect(links).toEqual({ 1: [1], 2: [1, 3, 6], 3: [1, 6], 4: [2, 4], 5: [2], 6: [1, 2, 3], 7: [2, 3, 4], 8: [3], 9: [4], 10: [4], 11: [5], 12: [5], 13: [5], 14: [6], 15: [6], 16: [6] });
		expect(body.actionFields[5].goals).toEqual([2, 3, 14, 15, 16]);
		expect(Date.parse(body.stand)).not.toBeNaN();
		const goals = await (await get('/api/v1/leitbild/goals?limit=10')).json();
		expect(goals.data).toHaveLength(10);
		const rest = await (await get(goals.links.next)).json();
		expect(rest.data.map((g: { number: number }) => g.number)).toEqual([11, 12, 13, 14, 15, 16]);
	});

	it('describes itself with an OpenAPI 3.1 document covering every endpoint', async () => {
		const doc = await (await get('/api/v1/openapi.json')).json();
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths).sort()).toEqual([
			'/addresses',
			'/bodies',
			'/decisions',
			'/events',
			'/funding-applications',
			'/funding-programmes',
			'/ideas',
			'/indicators',
			'/leitbild',
			'/leitbild/action-fields',
			'/leitbild/goals',
			'/measures',
			'/meetings',
			'/municipalities',
			'/municipalities/{ags}',
			'/news',
			'/papers',
			'/participation-processes',
			'/participation-processes/{id}',
			'/places',
			'/surveys/{id}/results'
		]);
		expect(doc.paths['/measures'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor', 'municipality', 'actionField', 'status']);
		const list = doc.paths['/municipalities'].get;
		expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor']);
		expect(list.responses['200'].content['application/geo+json'].schema.properties.features.type).toBe('array');
	});
});

describe('health', () => {
	it('reports the database status', async () => {
		const res = await get('/healthz');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'ok', database: { status: 'ok', backend: 'pglite' } });
	});
});

describe('JSON API of the cooperation', () => {
	it('pages the public measures by cursor, each with cost shares adding up to its budget', async () => {
		const seen: number[] = [];
		let next: string | undefined = '/api/v1/measures?limit=2';
		while (next) {
			const res = await get(next);
			expect(res.status).toBe(200);
			const body = (await res.json()) as { data: { id: number; budgetTotalCents: number; costShares: { amountCents: number }[] }[]; links: { next?: string } };
			for (const m of body.data) expect(m.costShares.reduce((s, c) => s + c.amountCents, 0)).toBe(m.budgetTotalCents);
			seen.push(...body.data.map((m) => m.id));
			next = body.links.next;
		}
		expect(seen.length).toBeGreaterThan(2);
		expect(new Set(seen).size).toBe(seen.length);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
	});

	it('refuses bad filters as problem details', async () => {
		for (const path of ['/api/v1/measures?status=fertig', '/api/v1/measures?actionField=x', '/api/v1/measures?municipality=Naunhof', '/api/v1/indicators?cursor=%%%']) {
			const res = await get(path);
			expect(res.status, path).toBe(400);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
		}
	});
});

describe('Beteiligung API', () => {
	it('lists published processes with their phases, and their ideas with counts but no personal data', async () => {
		const processes = await (await get('/api/v1/participation-processes')).json();
		const radverkehr = processes.data.find((p: { title: string }) => p.title === 'Radverkehr im Partheland: Wo fehlt was?');
		expect(radverkehr).toMatchObject({ owner: null, state: 'open', currentPhase: 'ideas', pointsBudget: 10 });
		expect(radverkehr.phases.map((p: { kind: string }) => p.kind)).toEqual(['information', 'ideas', 'prioritisation', 'result']);
		expect(await (await get(`/api/v1/participation-processes/${radverkehr.id}`)).json()).toEqual(radverkehr);

		const ideas: { id: number; author: string; supports: number; comments: number }[] = [];
		let next: string | undefined = `/api/v1/ideas?process=${radverkehr.id}&limit=2`;
		while (next) {
			const res = await get(next);
			const text = await res.text();
			// display names only: no e-mail address, no account id
			expect(text).not.toMatch(/@|authorId|account/);
			const body = JSON.parse(text) as { data: typeof ideas; links: { next?: string } };
			ideas.push(...body.data);
			next = body.links.next;
		}
		expect(new Set(ideas.map((i) => i.id)).size).toBe(ideas.length);
		expect(ideas.length).toBeGreaterThanOrEqual(4);
		const radweg = ideas.find((i) => i.author === 'Bernd Bürger' && i.comments === 2);
		expect(radweg).toMatchObject({ supports: 1 });
	});

	it('publishes survey results only where the process says so', async () => {
		const page = await (await get('/beteiligung/1')).text();
		const id = /\/beteiligung\/umfragen\/(\d+)\/ergebnisse/.exec(page)?.[1];
		expect(id).toBeTruthy();
		const results = await (await get(`/api/v1/surveys/${id}/results`)).json();
		expect(results.responses).toBeGreaterThanOrEqual(2);
		const bike = results.questions.find((q: { prompt: string }) => q.prompt === 'Fahren Sie regelmäßig Rad?');
		expect(bike.counts.map((c: { answer: string }) => c.answer)).toEqual(['yes', 'no']);
		for (const path of ['/api/v1/surveys/999999/results', '/api/v1/surveys/abc/results', '/api/v1/participation-processes/999999', '/api/v1/ideas?process=abc']) {
			const res = await get(path);
			expect(res.status, path).toBe(path.includes('process=abc') ? 400 : 404);
			expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
		}
	});

	it('lists meetings with their public agenda only, and the papers public items consult, page by page', async () => {
		const seen: { id: number; agendaItems: { title: string }[] }[] = [];
		let next: string | undefined = '/api/v1/meetings?limit=1';
		while (next) {
			const body = (await (await get(next)).json()) as { data: typeof seen; links: { next?: string } };
			expect(body.data.length).toBeLessThanOrEqual(1);
			seen.push(...body.data);
			next = body.links.next;
		}
		expect(seen.length).toBeGreaterThan(1);
		expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
		const titles = seen.flatMap((m) => m.agendaItems.map((i) => i.title));
		expect(titles).toContain('Gemeinsamer Betrieb des digitalen Bürgerportals');
		expect(titles).not.toContain('Personalangelegenheit der Koordinierungsstelle');
		const papers = (await (await get('/api/v1/papers')).json()) as { data: { reference: string }[] };
		expect(papers.data.map((p) => p.reference)).toContain('BV 2026/001');
	});
});
