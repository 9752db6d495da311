import { describe, expect, it } from 'vitest';
import { basemapStyle, parseRange } from './basemap.ts';

describe('basemap', () => {
	it('reads single byte ranges as MapLibre and browsers send them', () => {
		expect(parseRange(null, 100)).toBeUndefined();
		expect(parseRange('bytes=0-126', 1000)).toEqual({ start: 0, end: 126 });
		expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
		expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
		expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
		for (const bad of ['bytes=1000-', 'bytes=5-2', 'bytes=-', 'items=0-1', 'bytes=0-1,4-5']) expect(parseRange(bad, 1000), bad).toBe('invalid');
	});

	it('styles the archive without labels, sprites or any other server', () => {
		const style = basemapStyle('https://partheland.example');
		expect(style.sources.protomaps.url).toBe('pmtiles://https://partheland.example/karte/grundkarte.pmtiles');
		expect(style).not.toHaveProperty('glyphs');
		expect(style).not.toHaveProperty('sprite');
		expect(style.layers.length).toBeGreaterThan(10);
		expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
		expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!partheland\.example)/);
	});
});
