import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const municipalities = await regionQueries.listMunicipalities(db());
	const byAgs = new Map(municipalities.map((m) => [m.ags, m]));
	const scopes = new Map<string, { name: string; slug: string | null; roles: string[] }>();
	for (const g of actor.grants) {
		const key = 'region' in g.scope ? 'region' : g.scope.municipality;
		const m = 'municipality' in g.scope ? byAgs.get(g.scope.municipality) : undefined;
		const entry = scopes.get(key) ?? { name: m?.name ?? 'Ganze Region', slug: m?.slug ?? null, roles: [] };
		entry.roles.push(g.role);
		scopes.set(key, entry);
	}
	return { scopes: [...scopes.entries()].map(([key, v]) => ({ key, ...v })), welcome: url.searchParams.has('willkommen') };
};
