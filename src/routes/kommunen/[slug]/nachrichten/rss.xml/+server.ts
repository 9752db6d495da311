import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { findMunicipality } from '#lib/features/region/server/queries.ts';
import { newsFeed, xmlResponse } from '#lib/features/news/server/feeds.ts';

/** One municipality's news as RSS 2.0. */
export const GET = async ({ params, url }) => {
	const m = /^[a-z0-9-]{1,80}$/.test(params.slug) ? await findMunicipality(db(), { slug: params.slug }) : undefined;
	if (!m) error(404, 'Diese Kommune gibt es nicht.');
	const feed = await newsFeed(db(), { ags: m.ags }, { title: `Nachrichten ${m.name}`, origin: url.origin, self: { rss: `/kommunen/${m.slug}/nachrichten/rss.xml`, atom: `/nachrichten/atom.xml?kommune=${m.slug}` } });
	return xmlResponse(feed.rss2(), 'rss');
};
