import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { findMunicipality } from '#lib/features/region/server/queries.ts';
import { cachedFeed, icsResponse } from '#lib/features/events/server/feeds.ts';

/** One municipality's events as iCalendar. */
export const GET = async ({ params, url, request }) => {
	const m = /^[a-z0-9-]{1,80}$/.test(params.slug) ? await findMunicipality(db(), { slug: params.slug }) : undefined;
	if (!m) error(404, 'Diese Kommune gibt es nicht.');
	const feed = await cachedFeed(db(), { ags: m.ags }, `Veranstaltungen ${m.name}`, url.origin);
	return icsResponse(feed.text, `veranstaltungen-${m.slug}.ics`, { etag: feed.etag, gzip: feed.gzip, request });
};
