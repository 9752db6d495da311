import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './http.ts';
import { readConfig } from './config.ts';

describe('safeLocalPath', () => {
	it.each([
		['/kommunen?x=1#a', '/kommunen?x=1#a'],
		['https://evil.example/', '/'],
		['//evil.example', '/'],
		['/\\evil.example', '/'],
		['javascript:alert(1)', '/'],
		[null, '/']
	])('%s → %s', (input, expected) => expect(safeLocalPath(input)).toBe(expected));
});

describe('configuration', () => {
	it('has working defaults and resolves the data directories', () => {
		const cfg = readConfig({});
		expect(cfg).toMatchObject({ PORT: 3000, DEMO_DATA: false, REGION_DIR: 'regions/partheland' });
		expect(cfg.pgliteDir.endsWith('/data/db')).toBe(true);
	});

	it('refuses wrong values with a clear German message', () => {
		expect(() => readConfig({ PORT: 'achtzig', DATABASE_URL: 'mysql://x' })).toThrow(/Ungültige Konfiguration[\s\S]*PORT[\s\S]*DATABASE_URL: muss mit postgres:\/\/ beginnen/);
		expect(readConfig({ DEMO_DATA: 'on' }).DEMO_DATA).toBe(true);
	});
});
