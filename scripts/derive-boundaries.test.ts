import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) => execFileSync(process.execPath, ['scripts/derive-boundaries.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });
const tempRegion = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-region-'));
	fs.copyFileSync('regions/partheland/region.json', path.join(dir, 'region.json'));
	return dir;
};

describe('derive-boundaries', () => {
	it('reproduces the committed boundaries from the BKG data in the npm package', () => {
		const dir = tempRegion();
		run(['--region', dir]);
		expect(fs.readFileSync(path.join(dir, 'boundaries.geo.json'), 'utf8')).toBe(fs.readFileSync('regions/partheland/boundaries.geo.json', 'utf8'));
		fs.rmSync(dir, { recursive: true });
	}, 120_000);

	it('flattens nested collections, keeps land parts only and names the operator’s source', () => {
		const dir = tempRegion();
		const square = (x: number) => [[[x, 51], [x + 0.01, 51], [x + 0.01, 51.01], [x, 51.01], [x, 51]]];
		const members = JSON.parse(fs.readFileSync(path.join(dir, 'region.json'), 'utf8')).members as { ags: string }[];
		const source = [
			...members.slice(1).map((m, i) => ({ type: 'Feature', properties: { AGS: m.ags, GF: 4 }, geometry: { type: 'Polygon', coordinates: square(12 + i) } })),
			{
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', properties: { AGS: members[0].ags, GF: 4 }, geometry: { type: 'Polygon', coordinates: square(20) } },
					{ type: 'Feature', properties: { AGS: members[0].ags, GF: 4 }, geometry: { type: 'Polygon', coordinates: square(21) } },
					{ type: 'Feature', properties: { AGS: members[0].ags, GF: 2 }, geometry: { type: 'Polygon', coordinates: square(22) } }
				]
			}
		];
		const from = path.join(dir, 'amtlich.geojson');
		fs.writeFileSync(from, JSON.stringify(source));
		expect(() => run(['--region', dir, '--from', from])).toThrow(); // a source must be named
		run(['--region', dir, '--from', from, '--attribution', '© Landesamt (Test)']);
		const out = JSON.parse(fs.readFileSync(path.join(dir, 'boundaries.geo.json'), 'utf8'));
		expect(out.attribution).toBe('© Landesamt (Test)');
		expect(out.features).toHaveLength(7);
		expect(out.features[0].geometry.type).toBe('MultiPolygon');
		expect(out.features[0].geometry.coordinates).toHaveLength(2); // two land parts, the water part dropped
		fs.rmSync(dir, { recursive: true });
	});
});
