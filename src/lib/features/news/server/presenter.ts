import type { NewsRow } from './queries.ts';

/** A news item for lists: public fields only (never who wrote it in the back office). */
export function presentNews(row: { news: NewsRow; municipalityName: string | null; municipalitySlug?: string | null }) {
	const n = row.news;
	return {
		id: n.id,
		title: n.title,
		teaser: n.teaser,
		publishAt: n.publishAt!.toISOString(),
		author: n.author,
		municipality: row.municipalityName,
		thumb: n.thumbKey ? { src: `/nachrichten/${n.id}/bild?klein`, alt: n.imageAlt ?? '' } : null
	};
}
export type PresentedNews = ReturnType<typeof presentNews>;

/** A news item in the open data (API, downloads): the text, never who wrote it in the back office. */
export function newsRecord(n: NewsRow, origin: string) {
	return {
		id: n.id,
		title: n.title,
		teaser: n.teaser,
		published: n.publishAt!.toISOString(),
		municipality: n.municipalityAgs,
		author: n.author,
		image: n.imageKey ? `${origin}/nachrichten/${n.id}/bild` : null,
		url: `${origin}/nachrichten/${n.id}`
	};
}
export type NewsRecord = ReturnType<typeof newsRecord>;
