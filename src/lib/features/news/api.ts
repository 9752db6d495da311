import { z } from 'zod';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { listPublished } from './server/queries.ts';
import { newsRecord } from './server/presenter.ts';

export const listNewsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/news',
	operationId: 'listNews',
	summary: 'Veröffentlichte Nachrichten der Kommunen und der Region, neueste zuerst',
	tags: ['Nachrichten'],
	query: pageQuery.extend({
		municipality: z
			.string()
			.regex(/^(\d{8}|region)$/)
			.optional()
			.describe('Amtlicher Gemeindeschlüssel, oder `region` für die Nachrichten der Region')
	}),
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				title: z.string(),
				teaser: z.string(),
				published: z.string().describe('ISO 8601, UTC'),
				municipality: z.string().nullable().describe('AGS; null: die Region'),
				author: z.string(),
				image: z.string().nullable(),
				url: z.string()
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const before = cursor.decode(z.object({ at: z.string(), id: z.number().int() }), query.cursor);
		const rows = await listPublished(db(), { ags: query.municipality }, new Date(), query.limit + 1, before ? { at: new Date(before.at), id: before.id } : undefined);
		const page = rows.slice(0, query.limit);
		const last = page.at(-1);
		return {
			data: page.map(({ news }) => newsRecord(news, url.origin)),
			links: nextLink(url, rows.length > query.limit && last ? { at: last.news.publishAt!.toISOString(), id: last.news.id } : undefined)
		};
	}
});
