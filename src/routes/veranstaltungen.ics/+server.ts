import { db } from '#lib/server/runtime.ts';
import { findMunicipalityNamed, findRegion } from '#lib/features/region/server/queries.ts';
import { cachedFeed, icsResponse } from '#lib/features/events/server/feeds.ts';
import { readCalendarFilter } from '#lib/features/events/filters.ts';
import { eventCategories } from '#lib/features/events/categories.ts';

/** The calendar of the whole region as iCalendar, with the page's filters (municipality, category, free, accessible). */
export const GET = async ({ url, request }) => {
	const { filter, municipality } = readCalendarFilter(url, await findMunicipalityNamed(db(), url.searchParams.get('kommune')));
	const region = await findRegion(db());
	const name = [`Veranstaltungen ${region?.name ?? ''}`.trim(), municipality?.name, filter.category ? eventCategories[filter.category].de : null].filter(Boolean).join(' – ');
	const feed = await cachedFeed(db(), filter, name, url.origin);
	return icsResponse(feed.text, 'veranstaltungen.ics', { etag: feed.etag, gzip: feed.gzip, request });
};
