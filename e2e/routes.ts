import fs from 'node:fs';
import path from 'node:path';

export type Route = { path: string; file: string; actions: string[] };

/**
 * Every route of the platform, found from src/routes (so a new one is tested without being listed
 * here): pages and endpoints, each with the form actions its page declares. `fill` names the
 * example for a dynamic directory such as `[slug]`.
 */
export function everyRoute(fill: (directory: string) => string): Route[] {
	const found: Route[] = [];
	const walk = (dir: string, route: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full, route + (entry.name.startsWith('(') ? '' : `/${fill(entry.name)}`));
			else if (entry.name === '+page.svelte' || entry.name === '+server.ts') {
				const server = path.join(dir, '+page.server.ts');
				const source = entry.name === '+page.svelte' && fs.existsSync(server) ? fs.readFileSync(server, 'utf8') : '';
				const block = /export const actions\s*(?::[^=]+)?=\s*\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
				const actions = [...block.matchAll(/^\t([a-zA-Z]+)\s*[:(]/gm)].map((m) => m[1]);
				found.push({ path: route || '/', file: path.relative('src/routes', full), actions });
			}
		}
	};
	walk('src/routes', '');
	return found;
}

/**
 * Every public page route; dynamic segments are filled with real examples where there is one, the
 * others left out. Back office and API are not pages.
 */
const examples: Record<string, string> = { '[slug]': 'naunhof', '[token]': 'abgelaufener-link' };
const skip = [/^\/api\//, /^\/verwaltung/, /^\/sprache/, /^\/healthz/];

export function publicRoutes(): string[] {
	return everyRoute((directory) => examples[directory] ?? directory)
		.filter((r) => r.file.endsWith('+page.svelte') && !skip.some((s) => s.test(r.path)) && !r.path.includes('['))
		.map((r) => r.path)
		.sort();
}
