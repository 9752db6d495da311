import { db } from '#lib/server/runtime.ts';
import { selectionFeed, xmlResponse } from '#lib/features/news/server/feeds.ts';

/** The news as Atom 1.0; `kommune` (slug or `region`) as on the list. */
export const GET = async ({ url }) => xmlResponse((await selectionFeed(db(), url)).atom1(), 'atom');
