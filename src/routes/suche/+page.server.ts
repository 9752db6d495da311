import { db } from '#lib/server/runtime.ts';
import { search } from '#lib/features/search/server/service.ts';
import { searchSources } from '#lib/server/domains.ts';
import { searchQuerySchema } from '#lib/features/search/schemas.ts';

export const load = async ({ url, locals }) => {
	const raw = { q: url.searchParams.get('q') ?? '', seite: url.searchParams.get('seite') ?? '1' };
	const parsed = searchQuerySchema.safeParse(raw);
	if (!raw.q) return { q: '', result: null, error: null };
	if (!parsed.success) return { q: raw.q.slice(0, 300), result: null, error: 'search.tooLong' as const };
	const result = await search(db(), { q: parsed.data.q, locale: locals.locale, page: parsed.data.seite });
	const labels = Object.fromEntries(searchSources.map((s) => [s.name, s.label[locals.locale]]));
	return { q: parsed.data.q, result: { ...result, hits: result.hits.map((h) => ({ ...h, label: labels[h.source] ?? h.source })) }, error: null };
};
