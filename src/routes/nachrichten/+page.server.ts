import { db } from '#lib/server/runtime.ts';
import { LISTED_MUNICIPALITIES, municipalityChoice } from '#lib/features/region/choice.ts';
import { listMunicipalityNames } from '#lib/features/region/server/queries.ts';
import { listPublished } from '#lib/features/news/server/queries.ts';
import { readNewsSelection } from '#lib/features/news/server/feeds.ts';
import { presentNews } from '#lib/features/news/server/presenter.ts';

const PAGE = 20;

/** The news of all municipalities and of the region, newest first; `kommune` selects one member (or `region`). */
export const load = async ({ url }) => {
	const typed = url.searchParams.get('kommune');
	const [selection, firstMembers] = await Promise.all([readNewsSelection(db(), typed), listMunicipalityNames(db(), LISTED_MUNICIPALITIES + 1)]);
	const cursor = /^(\d{4}-[\dT:.-]+Z)_(\d+)$/.exec(url.searchParams.get('vor') ?? '');
	const rows = await listPublished(db(), selection.filter, new Date(), PAGE + 1, cursor ? { at: new Date(cursor[1]), id: Number(cursor[2]) } : undefined);
	const page = rows.slice(0, PAGE);
	const last = page.at(-1);
	return {
		municipality: municipalityChoice(firstMembers, selection.municipality, selection.ofRegion ? null : typed),
		ofRegion: selection.ofRegion,
		selection: selection.query,
		news: page.map(presentNews),
		next: rows.length > PAGE && last ? `?${[selection.query, `vor=${last.news.publishAt!.toISOString()}_${last.news.id}`].filter(Boolean).join('&')}` : null,
		paged: Boolean(cursor)
	};
};
