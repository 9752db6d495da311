import type { Dataset } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import { listPublished } from './queries.ts';
import { newsRecord, type NewsRecord } from './presenter.ts';

type NewsDatasetRecord = NewsRecord & { text: string };

/** Published news, newest first, with their whole text (Markdown). */
export const newsDataset: Dataset<NewsDatasetRecord, { at: Date; id: number }> = {
	id: 'nachrichten',
	title: { de: 'Nachrichten der Kommunen und der Region', en: 'News of the municipalities and the region' },
	description: {
		de: 'Die veröffentlichten Nachrichten der Kommunen und der Kooperation mit Titel, Anreißer, Text (Markdown), Datum und herausgebender Stelle.',
		en: 'The published news of the municipalities and the cooperation with title, teaser, text (Markdown), date and issuing office.'
	},
	keywords: ['Nachrichten', 'Pressemitteilungen', 'Amtsblatt'],
	themes: ['GOVE', 'SOCI'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer der Nachricht', value: (n) => n.id },
		{ name: 'title', description: 'Titel', value: (n) => n.title },
		{ name: 'teaser', description: 'Anreißer', value: (n) => n.teaser },
		{ name: 'text', description: 'Text (Markdown)', value: (n) => n.text },
		{ name: 'published', description: 'Veröffentlicht (ISO 8601, UTC)', value: (n) => n.published },
		{ name: 'municipality', description: 'AGS der Kommune; leer: die Region', value: (n) => n.municipality },
		{ name: 'author', description: 'Herausgebende Stelle', value: (n) => n.author },
		{ name: 'image', description: 'Bild', value: (n) => n.image },
		{ name: 'url', description: 'Seite der Nachricht', value: (n) => n.url }
	],
	async page(db, after, limit, origin) {
		const rows = await listPublished(db, {}, new Date(), limit + 1, after);
		return keysetPage(
			rows,
			limit,
			({ news }) => ({ ...newsRecord(news, origin), text: news.body }),
			({ news }) => ({ at: news.publishAt!, id: news.id })
		);
	},
	modified: (db) => lastChange(db, 'news_item', 'greatest(updated_at, publish_at)', "status = 'published' and publish_at <= now()")
};
