import fs from 'node:fs';
import { layers, namedFlavor } from '@protomaps/basemaps';
import { config } from './config.ts';

/**
 * The self-hosted basemap: one PMTiles archive in the Protomaps basemap schema (an extract of
 * the region made once by the operator, see docs/operations.md), served by the platform itself
 * with HTTP range requests, and a style for it without labels (no glyph server needed). No
 * request leaves the platform.
 */
export const PMTILES_PATH = '/karte/grundkarte.pmtiles';
export const PMTILES_STYLE_PATH = '/karte/grundkarte.json';
export const PMTILES_ATTRIBUTION = '© OpenStreetMap-Mitwirkende (ODbL), Protomaps';

export function basemapFile() {
	const file = config().BASEMAP_PMTILES;
	return file && fs.existsSync(file) ? file : undefined;
}

export function basemapStyle(origin: string) {
	return {
		version: 8,
		sources: { protomaps: { type: 'vector', url: `pmtiles://${origin}${PMTILES_PATH}`, attribution: PMTILES_ATTRIBUTION } },
		layers: layers('protomaps', namedFlavor('light'))
	};
}

/** Parses a single "bytes=a-b" range against a file size; undefined for none, 'invalid' for unsatisfiable. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'invalid' | undefined {
	if (!header) return undefined;
	const m = header.match(/^bytes=(\d*)-(\d*)$/);
	if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
	let start: number;
	let end: number;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start > end || start >= size) return 'invalid';
	return { start, end };
}
