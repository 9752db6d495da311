import { db } from '#lib/server/runtime.ts';
import { selectionFeed, xmlResponse } from '#lib/features/news/server/feeds.ts';

/** The news as RSS 2.0; `kommune` (slug or `region`) as on the list. */
export const GET = async ({ url }) => xmlResponse((await selectionFeed(db(), url)).rss2(), 'rss');
