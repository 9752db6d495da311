import fs from 'node:fs';
import path from 'node:path';

/**
 * Every public page route, found from src/routes (so a new page is crawled without being listed
 * here); dynamic segments are filled with real examples. Back office and API are not pages.
 */
const examples: Record<string, string> = { '[slug]': 'naunhof', '[token]': 'abgelaufener-link' };
const skip = [/^\/api\//, /^\/verwaltung/, /^\/sprache/, /^\/healthz/];

export function publicRoutes(): string[] {
	const found: string[] = [];
	const walk = (dir: string, route: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) {
				const segment = entry.name.startsWith('(') ? '' : `/${examples[entry.name] ?? entry.name}`;
				walk(path.join(dir, entry.name), route + segment);
			} else if (entry.name === '+page.svelte') found.push(route || '/');
		}
	};
	walk('src/routes', '');
	return found.filter((r) => !skip.some((s) => s.test(r)) && !r.includes('[')).sort();
}
