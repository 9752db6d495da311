import { db } from '#lib/server/runtime.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { listPublished } from '#lib/features/news/server/queries.ts';
import { presentNews } from '#lib/features/news/server/presenter.ts';

const PAGE = 20;

/** The news of all municipalities and of the region, newest first; `kommune` selects one (or `region`). */
export const load = async ({ url }) => {
	const municipalities = await listMunicipalities(db());
	const kommune = url.searchParams.get('kommune') ?? '';
	const chosen = municipalities.find((m) => m.slug === kommune);
	const filter = kommune === 'region' ? { ags: 'region' as const } : chosen ? { ags: chosen.ags } : {};
	const cursor = /^(\d{4}-[\dT:.-]+Z)_(\d+)$/.exec(url.searchParams.get('vor') ?? '');
	const rows = await listPublished(db(), filter, new Date(), PAGE + 1, cursor ? { at: new Date(cursor[1]), id: Number(cursor[2]) } : undefined);
	const page = rows.slice(0, PAGE);
	const selection = kommune === 'region' || chosen ? `kommune=${kommune}` : '';
	const last = page.at(-1);
	return {
		municipalities: municipalities.map((m) => ({ slug: m.slug, name: m.name })),
		kommune: kommune === 'region' || chosen ? kommune : '',
		selection,
		news: page.map(presentNews),
		next: rows.length > PAGE && last ? `?${[selection, `vor=${last.news.publishAt!.toISOString()}_${last.news.id}`].filter(Boolean).join('&')}` : null,
		paged: Boolean(cursor)
	};
};
