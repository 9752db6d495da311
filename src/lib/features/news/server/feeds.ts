import { Feed } from 'feed';
import type { Db } from '#lib/server/db/client.ts';
import { renderMarkdown } from '#lib/server/markdown.ts';
import * as queries from './queries.ts';
import { findMunicipalityNamed, findRegion } from '../../region/server/queries.ts';
import type { NewsFilter } from './queries.ts';

/** RSS 2.0 and Atom 1.0 of the latest news of a selection (the same items in both). */
export async function newsFeed(db: Db, filter: NewsFilter, opts: { title: string; origin: string; self: { rss: string; atom: string } }, now = new Date()) {
	const rows = await queries.listPublished(db, filter, now, 50);
	const feed = new Feed({
		title: opts.title,
		description: opts.title,
		id: `${opts.origin}/nachrichten`,
		link: `${opts.origin}/nachrichten`,
		language: 'de',
		updated: rows[0]?.news.publishAt ?? now,
		generator: 'Partheland',
		copyright: opts.title,
		feedLinks: { rss: `${opts.origin}${opts.self.rss}`, atom: `${opts.origin}${opts.self.atom}` }
	});
	for (const { news: n, municipalityName } of rows) {
		const url = `${opts.origin}/nachrichten/${n.id}`;
		feed.addItem({
			title: n.title,
			id: url,
			link: url,
			description: n.teaser,
			content: renderMarkdown(n.body),
			date: n.publishAt!,
			author: [{ name: n.author }],
			category: [{ name: municipalityName ?? 'Region' }],
			...(n.imageKey ? { image: `${opts.origin}/nachrichten/${n.id}/bild` } : {})
		});
	}
	return feed;
}

export function xmlResponse(text: string, type: 'rss' | 'atom') {
	return new Response(text, { headers: { 'content-type': `application/${type === 'rss' ? 'rss' : 'atom'}+xml; charset=utf-8`, 'cache-control': 'public, max-age=300' } });
}

/**
 * The selection of the news list and its feeds from `kommune`: `region` (the region's own news) or
 * a member (slug, AGS or name); anything else: all news.
 */
export async function readNewsSelection(db: Db, kommune: string | null) {
	const ofRegion = kommune?.trim() === 'region';
	const municipality = ofRegion ? undefined : await findMunicipalityNamed(db, kommune);
	const filter: NewsFilter = ofRegion ? { ags: 'region' } : municipality ? { ags: municipality.ags } : {};
	return { filter, ofRegion, municipality, query: ofRegion ? 'kommune=region' : municipality ? `kommune=${encodeURIComponent(municipality.slug)}` : '' };
}

/** The feed of the list's selection. */
export async function selectionFeed(db: Db, url: URL) {
	const [selection, region] = await Promise.all([readNewsSelection(db, url.searchParams.get('kommune')), findRegion(db)]);
	const query = selection.query ? `?${selection.query}` : '';
	return newsFeed(db, selection.filter, { title: `Nachrichten ${selection.municipality?.name ?? region?.name ?? ''}`.trim(), origin: url.origin, self: { rss: `/nachrichten/rss.xml${query}`, atom: `/nachrichten/atom.xml${query}` } });
}
