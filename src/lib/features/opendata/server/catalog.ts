import { DataFactory, Writer } from 'n3';
import type { Db } from '#lib/server/db/client.ts';
import { formatMediaTypes, formatsOf, type AnyDataset, type DatasetFormat } from '#lib/server/opendata/dataset.ts';
import { boundariesLicence, licenceOf } from '../licences.ts';

/**
 * The DCAT-AP.de catalogue of every public dataset, so that GovData or a regional portal can
 * harvest it: one dcat:Catalog, a dcat:Dataset per dataset with its political geocoding (the
 * members' municipality keys), a dcat:Distribution per format. Written once as triples, serialised
 * as Turtle (N3.js) and as JSON-LD (expanded values under a prefix context).
 */
export const prefixes = {
	dcat: 'http://www.w3.org/ns/dcat#',
	dct: 'http://purl.org/dc/terms/',
	dcatde: 'http://dcat-ap.de/def/dcatde/',
	foaf: 'http://xmlns.com/foaf/0.1/',
	vcard: 'http://www.w3.org/2006/vcard/ns#',
	rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
	xsd: 'http://www.w3.org/2001/XMLSchema#'
} as const;

type Prefix = keyof typeof prefixes;
type Curie = `${Prefix}:${string}`;
export type Term = { iri: string } | { value: string; lang?: string; datatype?: string };
export type Triple = { s: string; p: string; o: Term };

const expand = (c: Curie) => prefixes[c.slice(0, c.indexOf(':')) as Prefix] + c.slice(c.indexOf(':') + 1);
const EU_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';
const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const fileTypes: Record<DatasetFormat, string> = { csv: 'CSV', json: 'JSON', geojson: 'GEOJSON' };

/** The datasets' spatial coverage: the members one by one (a cooperation), or how many in which Länder (more than a list can hold). */
export type Coverage = { members: { ags: string; name: string }[] | null; count: number; states: string[] };

export type CatalogInput = {
	origin: string;
	region: { name: string; description: string; dataLicence: string; coordinationOffice: { name?: string; email?: string }; boundaryAttribution: string };
	coverage: Coverage;
	datasets: { dataset: AnyDataset; modified: Date | null }[];
};

/** The catalogue's triples. */
export function catalogTriples(input: CatalogInput): Triple[] {
	const { origin, region } = input;
	const triples: Triple[] = [];
	const add = (s: string, p: Curie, o: Term) => triples.push({ s, p: expand(p), o });
	const text = (value: string, lang = 'de'): Term => ({ value, lang });
	const time = (d: Date): Term => ({ value: d.toISOString(), datatype: expand('xsd:dateTime') });
	const a = (s: string, type: Curie) => add(s, 'rdf:type', { iri: expand(type) });

	const catalog = `${origin}/opendaten#catalog`;
	const publisher = `${origin}/#publisher`;
	const contact = `${origin}/opendaten#contact`;
	const platformLicence = licenceOf(region.dataLicence);
	const modified = input.datasets.map((d) => d.modified).filter((d): d is Date => d !== null);

	a(publisher, 'foaf:Agent');
	a(publisher, 'foaf:Organization');
	add(publisher, 'foaf:name', text(region.coordinationOffice.name ?? region.name));
	add(publisher, 'foaf:homepage', { iri: origin });

	a(contact, 'vcard:Organization');
	add(contact, 'vcard:fn', text(region.coordinationOffice.name ?? region.name));
	if (region.coordinationOffice.email) add(contact, 'vcard:hasEmail', { iri: `mailto:${region.coordinationOffice.email}` });
	add(contact, 'vcard:hasURL', { iri: origin });

	a(catalog, 'dcat:Catalog');
	add(catalog, 'dct:title', text(`${region.name}: Offene Daten`));
	add(catalog, 'dct:description', text(region.description));
	add(catalog, 'dct:publisher', { iri: publisher });
	add(catalog, 'foaf:homepage', { iri: `${origin}/opendaten` });
	add(catalog, 'dct:language', { iri: 'http://publications.europa.eu/resource/authority/language/DEU' });
	add(catalog, 'dct:license', { iri: platformLicence.dcat });
	add(catalog, 'dcat:themeTaxonomy', { iri: EU_THEME });
	if (modified.length) add(catalog, 'dct:modified', time(new Date(Math.max(...modified.map((d) => d.getTime())))));

	for (const { dataset, modified } of input.datasets) {
		const id = `${origin}/opendaten/${dataset.id}`;
		const licence = dataset.licence === 'boundaries' ? boundariesLicence : platformLicence;
		const attribution = dataset.licence === 'boundaries' ? region.boundaryAttribution : region.coordinationOffice.name ?? region.name;
		add(catalog, 'dcat:dataset', { iri: id });
		a(id, 'dcat:Dataset');
		add(id, 'dct:title', text(dataset.title.de));
		if (dataset.title.en) add(id, 'dct:title', text(dataset.title.en, 'en'));
		add(id, 'dct:description', text(dataset.description.de));
		if (dataset.description.en) add(id, 'dct:description', text(dataset.description.en, 'en'));
		add(id, 'dct:identifier', { value: id });
		add(id, 'dct:publisher', { iri: publisher });
		add(id, 'dcat:contactPoint', { iri: contact });
		add(id, 'dcat:landingPage', { iri: id });
		for (const k of dataset.keywords) add(id, 'dcat:keyword', text(k));
		for (const t of dataset.themes) add(id, 'dcat:theme', { iri: EU_THEME + t });
		const { members, count, states } = input.coverage;
		if (members) {
			add(id, 'dcatde:politicalGeocodingLevelURI', { iri: 'http://dcat-ap.de/def/politicalGeocoding/Level/municipality' });
			for (const m of members) add(id, 'dcatde:politicalGeocodingURI', { iri: `http://dcat-ap.de/def/politicalGeocoding/municipalityKey/${m.ags}` });
			add(id, 'dcatde:geocodingDescription', text(members.map((m) => m.name).join(', ')));
		} else {
			add(id, 'dcatde:politicalGeocodingLevelURI', { iri: 'http://dcat-ap.de/def/politicalGeocoding/Level/state' });
			for (const s of states) add(id, 'dcatde:politicalGeocodingURI', { iri: `http://dcat-ap.de/def/politicalGeocoding/stateKey/${s}` });
			add(id, 'dcatde:geocodingDescription', text(`${count.toLocaleString('de-DE')} Kommunen in ${states.length === 1 ? 'einem Land' : `${states.length} Ländern`}`));
		}
		if (modified) add(id, 'dct:modified', time(modified));
		for (const format of formatsOf(dataset)) {
			const dist = `${id}#${format}`;
			const file = `${origin}/opendaten/daten/${dataset.id}.${format}`;
			add(id, 'dcat:distribution', { iri: dist });
			a(dist, 'dcat:Distribution');
			add(dist, 'dct:title', text(`${dataset.title.de} (${fileTypes[format]})`));
			add(dist, 'dcat:accessURL', { iri: file });
			add(dist, 'dcat:downloadURL', { iri: file });
			add(dist, 'dct:format', { iri: EU_FILE_TYPE + fileTypes[format] });
			add(dist, 'dcat:mediaType', { iri: `https://www.iana.org/assignments/media-types/${formatMediaTypes[format]}` });
			add(dist, 'dct:license', { iri: licence.dcat });
			if (licence.attribution) add(dist, 'dcatde:licenseAttributionByText', text(attribution));
			if (modified) add(dist, 'dct:modified', time(modified));
		}
	}
	return triples;
}

const { namedNode, literal, quad } = DataFactory;
const toN3 = (o: Term) => ('iri' in o ? namedNode(o.iri) : literal(o.value, o.lang ?? (o.datatype ? namedNode(o.datatype) : undefined)));

export function catalogTurtle(triples: Triple[]): Promise<string> {
	const writer = new Writer({ prefixes });
	// grouped by subject (in order of first appearance), so each resource is one Turtle block
	const order = new Map<string, number>();
	for (const t of triples) if (!order.has(t.s)) order.set(t.s, order.size);
	const grouped = triples.map((t, i) => ({ t, i })).sort((a, b) => order.get(a.t.s)! - order.get(b.t.s)! || a.i - b.i);
	for (const { t } of grouped) writer.addQuad(quad(namedNode(t.s), namedNode(t.p), toN3(t.o)));
	return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}

/** JSON-LD: one node per subject, property names as prefixed names under the context. */
export function catalogJsonLd(triples: Triple[]) {
	const compact = (iri: string) => {
		for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
		return iri;
	};
	const nodes = new Map<string, Record<string, unknown[]>>();
	for (const t of triples) {
		const node = nodes.get(t.s) ?? nodes.set(t.s, { '@id': [t.s] }).get(t.s)!;
		if (t.p === expand('rdf:type') && 'iri' in t.o) {
			(node['@type'] ??= []).push(compact(t.o.iri));
			continue;
		}
		const key = compact(t.p);
		const value = 'iri' in t.o ? { '@id': t.o.iri } : t.o.lang ? { '@value': t.o.value, '@language': t.o.lang } : t.o.datatype ? { '@value': t.o.value, '@type': t.o.datatype } : { '@value': t.o.value };
		(node[key] ??= []).push(value);
	}
	return {
		'@context': prefixes,
		'@graph': [...nodes.values()].map((n) => ({ ...n, '@id': n['@id'][0] }))
	};
}

/** Reads what the catalogue says of each dataset (when it last changed). */
export async function datasetsWithModified(db: Db, datasets: AnyDataset[]) {
	const out = [];
	for (const dataset of datasets) out.push({ dataset, modified: await dataset.modified(db) });
	return out;
}
