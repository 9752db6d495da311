import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpoints } from './index.ts';
import { openApiDocument } from './openapi.ts';

/** Every +server.ts under src/routes/api/v1 as an OpenAPI path ([ags] → {ags}). */
function apiRoutes(dir = 'src/routes/api/v1', prefix = ''): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		if (e.isDirectory()) return apiRoutes(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, '{$1}')}`);
		return e.name === '+server.ts' ? [prefix || '/'] : [];
	});
}

describe('OpenAPI document', () => {
	it('describes every route under /api/v1 (except itself and the catch-all)', () => {
		const doc = openApiDocument(endpoints as never, 'http://localhost/api/v1', 'test');
		const routes = apiRoutes().filter((r) => r !== '/openapi.json' && !r.includes('[...'));
		expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
	});

	it('generates parameter and response schemas from the zod schemas', () => {
		const doc = openApiDocument(endpoints as never, 'http://localhost/api/v1', 'test');
		const get = (doc.paths['/municipalities/{ags}'] as { get: { parameters: { name: string; in: string; schema: { pattern?: string } }[] } }).get;
		expect(get.parameters[0]).toMatchObject({ name: 'ags', in: 'path', schema: { pattern: '^\\d{8}$' } });
	});
});

describe('Content-Security-Policy', () => {
	it("allows exactly SvelteKit's route-announcer style attribute, by hash", () => {
		const root = fs.readFileSync('node_modules/@sveltejs/kit/src/runtime/components/root.svelte', 'utf8');
		const style = /id="svelte-announcer"[\s\S]*?style="([^"]+)"/.exec(root)![1];
		const hash = crypto.createHash('sha256').update(style).digest('base64');
		expect(fs.readFileSync('vite.config.ts', 'utf8')).toContain(`'sha256-${hash}'`);
	});
});
