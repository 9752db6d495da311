import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { lastMailTo, tokenIn } from '../../../../../test/outbox.ts';
import { pointInside } from '../../../../../test/places.ts';
import { queryRows, type Db } from '#lib/server/db/client.ts';
import { guestActor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { openDatasets, personalFields } from '#lib/server/domains.ts';
import { datasetStream, formatsOf, type AnyDataset } from '#lib/server/opendata/dataset.ts';
import { reportInputSchema } from '../../reports/schemas.ts';
import { confirmReport, createReport } from '../../reports/server/service.ts';
import { catalogInput, parseDownload } from './service.ts';
import { catalogJsonLd, catalogTriples, catalogTurtle, prefixes } from './catalog.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const origin = 'https://partheland.example';
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-opendata-'));
const REPORTER = { name: 'Zacharias Geheimname', email: 'zacharias.geheim@example.org' };

beforeAll(async () => {
	database = await openTestDatabase();
	// a confirmed report of a guest who gave name and address, so the reports dataset has someone to leak
	const p = await pointInside(database.db, '14729060');
	const input = reportInputSchema.parse({ category: 'sonstiges', description: 'Die Bank am Teich ist zerbrochen.', lat: String(p.lat), lon: String(p.lon), placeDescription: 'Hinter dem Haus von Familie Geheimname', ...REPORTER });
	const created = await createReport(database.db, localStorage(uploads), guestActor, input, { duplicatesSeen: true }, { origin });
	if (created.kind !== 'created') throw new Error(created.kind);
	await confirmReport(database.db, tokenIn(await lastMailTo(database.db, REPORTER.email), '/anliegen/bestaetigen/'), { origin });
});
afterAll(async () => {
	await database?.drop();
	fs.rmSync(uploads, { recursive: true, force: true });
});

/** A whole download as text, read in small pages so that paging is part of what is checked. */
async function download(dataset: AnyDataset, format: 'csv' | 'json' | 'geojson', batch = 3) {
	return new Response(datasetStream(dataset, format, () => database.db, origin, batch)).text();
}

/** Every value of every declared personal column, as text. */
async function personalValues(db: Db) {
	const values = new Set<string>();
	for (const f of personalFields) {
		const rows = await queryRows<{ v: string }>(db, sql.raw(`select distinct (${f.column})::text as v from ${f.table} where (${f.column}) is not null`));
		for (const r of rows) if (r.v.trim().length >= 5) values.add(r.v.trim());
	}
	return values;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

describe('open data', () => {
	it('holds no declared personal field and no e-mail address in any dataset, in any format', async () => {
		const personal = await personalValues(database.db);
		// the check has something to find: the reporter, the demo people's invitation addresses, accounts
		for (const v of [REPORTER.name, REPORTER.email, 'Hinter dem Haus von Familie Geheimname', 'buergermeister.borsdorf@partheland.example', 'Paula Plattform']) expect(personal).toContain(v);
		let checked = 0;
		for (const dataset of openDatasets) {
			for (const format of formatsOf(dataset)) {
				const text = await download(dataset, format);
				const leaks = [...personal].filter((v) => text.includes(v) || text.includes(JSON.stringify(v).slice(1, -1)));
				expect(leaks, `${dataset.id}.${format}`).toEqual([]);
				expect(text.match(EMAIL)?.[0], `${dataset.id}.${format}`).toBeUndefined();
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(openDatasets.length * 2);
	});

	it('has content in every dataset that the demo data fills, and the documented CSV header', async () => {
		for (const dataset of openDatasets) {
			const csv = await download(dataset, 'csv');
			expect(csv.split('\r\n')[0], dataset.id).toBe(dataset.columns.map((c) => c.name).join(','));
			const json = JSON.parse(await download(dataset, 'json')) as unknown[];
			expect(Array.isArray(json)).toBe(true);
			// one CSV line per JSON record, whatever the page size
			expect(json.length, dataset.id).toBe(JSON.parse(await download(dataset, 'json', 500)).length);
			if (dataset.id !== 'umfrageergebnisse') expect(csv.trimEnd().split('\r\n').length - 1 >= json.length, dataset.id).toBe(true);
		}
		const reports = JSON.parse(await download(parseDownload('anliegen.json')!.dataset, 'json')) as { description: string | null }[];
		expect(reports.length).toBeGreaterThan(0);
		// released text only: nothing is released yet, so the reporter's words are not there
		expect(reports.every((r) => r.description === null)).toBe(true);
	});

	it('offers GeoJSON where there is geometry, as valid FeatureCollections', async () => {
		for (const id of ['kommunen', 'anliegen', 'orte', 'ideen']) {
			const found = parseDownload(`${id}.geojson`);
			expect(found, id).toBeDefined();
			const geo = JSON.parse(await download(found!.dataset, 'geojson'));
			expect(geo.type).toBe('FeatureCollection');
			expect(geo.features.length, id).toBeGreaterThan(0);
			expect(geo.features.every((f: { type: string; geometry: { type: string } | null }) => f.type === 'Feature' && (f.geometry === null || typeof f.geometry.type === 'string'))).toBe(true);
		}
		expect(parseDownload('massnahmen.geojson')).toBeUndefined();
		expect(parseDownload('gibtsnicht.csv')).toBeUndefined();
		expect(parseDownload('../../etc/passwd')).toBeUndefined();
	});

	it('reads a download page by page, one query per page and only as fast as it is read', async () => {
		const asked: unknown[] = [];
		const dataset = { ...parseDownload('orte.csv')!.dataset, page: (db: Db, after: unknown, limit: number, o: string) => (asked.push(after), parseDownload('orte.csv')!.dataset.page(db, after, limit, o)) };
		const reader = datasetStream(dataset, 'csv', () => database.db, origin, 2).getReader();
		await reader.read(); // the header: no query yet
		expect(asked).toEqual([]);
		await reader.read();
		expect(asked).toEqual([undefined]);
		await reader.read();
		expect(asked.length).toBe(2);
		await reader.cancel();
	});
});

describe('the DCAT-AP.de catalogue', () => {
	const DCAT = prefixes.dcat;
	const DCT = prefixes.dct;
	const RDF_TYPE = `${prefixes.rdf}type`;

	function objects(quads: Quad[], s: string, p: string) {
		return quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
	}
	function subjectsOf(quads: Quad[], type: string) {
		return quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);
	}

	it('parses as RDF from Turtle and from JSON-LD into the same graph, with the mandatory properties of every class', async () => {
		const triples = catalogTriples(await catalogInput(database.db, origin));
		const turtle = new Parser({ format: 'text/turtle' }).parse(await catalogTurtle(triples));
		const fromJsonLd = new Parser({ format: 'application/n-quads' }).parse((await jsonld.toRDF(catalogJsonLd(triples) as jsonld.JsonLdDocument, { format: 'application/n-quads' })) as unknown as string);
		const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${'language' in q.object ? q.object.language : ''}^${'datatype' in q.object ? q.object.datatype.value : ''}`;
		expect(new Set(fromJsonLd.map(key))).toEqual(new Set(turtle.map(key)));

		for (const quads of [turtle, fromJsonLd]) {
			const [catalog, ...more] = subjectsOf(quads, `${DCAT}Catalog`);
			expect(more).toEqual([]);
			expect(objects(quads, catalog, `${DCT}title`).length).toBeGreaterThan(0);
			expect(objects(quads, catalog, `${DCT}description`).length).toBeGreaterThan(0);
			const [publisher] = objects(quads, catalog, `${DCT}publisher`);
			expect(objects(quads, publisher, RDF_TYPE)).toContain(`${prefixes.foaf}Agent`);
			expect(objects(quads, publisher, `${prefixes.foaf}name`).length).toBe(1);

			const datasets = subjectsOf(quads, `${DCAT}Dataset`);
			expect(datasets.length).toBe(openDatasets.length);
			expect(new Set(objects(quads, catalog, `${DCAT}dataset`))).toEqual(new Set(datasets));
			for (const d of datasets) {
				for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}keyword`, `${DCAT}theme`, `${DCAT}contactPoint`, `${DCAT}distribution`, `${prefixes.dcatde}politicalGeocodingLevelURI`]) {
					expect(objects(quads, d, p).length, `${d} ${p}`).toBeGreaterThan(0);
				}
				expect(objects(quads, d, `${prefixes.dcatde}politicalGeocodingURI`).sort()).toEqual(
					['14729020', '14729060', '14729070', '14729190', '14729250', '14729300', '14729340'].map((ags) => `http://dcat-ap.de/def/politicalGeocoding/municipalityKey/${ags}`).sort()
				);
				const contact = objects(quads, d, `${DCAT}contactPoint`)[0];
				expect(objects(quads, contact, `${prefixes.vcard}fn`).length).toBe(1);
				for (const dist of objects(quads, d, `${DCAT}distribution`)) {
					expect(objects(quads, dist, RDF_TYPE)).toContain(`${DCAT}Distribution`);
					const [access] = objects(quads, dist, `${DCAT}accessURL`);
					expect(access).toMatch(/^https:\/\/partheland\.example\/opendaten\/daten\/[a-z-]+\.(csv|json|geojson)$/);
					expect(objects(quads, dist, `${DCAT}downloadURL`)).toEqual([access]);
					expect(objects(quads, dist, `${DCT}format`)[0]).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/(CSV|JSON|GEOJSON)$/);
					expect(objects(quads, dist, `${DCT}license`)[0]).toMatch(/^http:\/\/dcat-ap\.de\/def\/licenses\//);
					// every distribution is a download that exists
					expect(parseDownload(access.split('/').pop()!), access).toBeDefined();
				}
			}
			// the boundaries keep the BKG licence with its attribution
			const boundaries = objects(quads, `${origin}/opendaten/kommunen`, `${DCAT}distribution`)[0];
			expect(objects(quads, boundaries, `${DCT}license`)).toEqual(['http://dcat-ap.de/def/licenses/dl-by-de/2.0']);
			expect(objects(quads, boundaries, `${prefixes.dcatde}licenseAttributionByText`)[0]).toContain('GeoBasis-DE / BKG');
		}
	});
});
