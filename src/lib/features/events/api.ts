import { z } from 'zod';
import { DateTime } from 'luxon';
import { BadRequestError, cursor, defineEndpoint, linksSchema, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { eventCategoryKeys, type EventCategory } from './categories.ts';
import { TIMEZONE } from './recurrence.ts';
import { listOccurrences } from './server/queries.ts';
import { occurrenceRecord } from './server/presenter.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const listEventsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/events',
	operationId: 'listEvents',
	summary: 'Termine (Vorkommen) veröffentlichter Veranstaltungen in einem Zeitraum, wiederkehrende aufgelöst',
	tags: ['Veranstaltungen'],
	query: pageQuery.extend({
		from: day.optional().describe('Erster Tag (Europe/Berlin); ohne: heute'),
		to: day.optional().describe('Letzter Tag (Europe/Berlin); ohne: 31 Tage nach dem ersten'),
		municipality: z.string().regex(/^\d{8}$/).optional().describe('Amtlicher Gemeindeschlüssel'),
		category: z.enum(eventCategoryKeys as [string, ...string[]]).optional(),
		free: z.enum(['true', 'false']).optional().describe('true: nur kostenlose'),
		accessible: z.enum(['true', 'false']).optional().describe('true: nur stufenlos zugängliche')
	}),
	response: z.object({
		data: z.array(
			z.object({
				event: z.number().int(),
				title: z.string(),
				start: z.string().describe('Beginn dieses Termins (ISO 8601, UTC)'),
				end: z.string(),
				allDay: z.boolean(),
				recurring: z.boolean(),
				cancelled: z.boolean(),
				place: z.string().nullable(),
				municipality: z.string(),
				categories: z.array(z.string()),
				free: z.boolean(),
				price: z.string().nullable(),
				accessible: z.boolean(),
				url: z.string(),
				ics: z.string().describe('Die Veranstaltung als iCalendar-Datei')
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const from = DateTime.fromISO(query.from ?? DateTime.now().setZone(TIMEZONE).toISODate()!, { zone: TIMEZONE });
		const to = query.to ? DateTime.fromISO(query.to, { zone: TIMEZONE }).plus({ days: 1 }) : from.plus({ days: 31 });
		if (!from.isValid || !to.isValid || to <= from || to.diff(from, 'days').days > 400) throw new BadRequestError('Ungültiger Zeitraum: `to` nicht vor `from`, höchstens 400 Tage.');
		const after = cursor.decode(z.object({ at: z.string(), id: z.number().int() }), query.cursor);
		const rows = await listOccurrences(
			db(),
			{ ags: query.municipality, category: query.category as EventCategory | undefined, free: query.free === 'true' || undefined, accessible: query.accessible === 'true' || undefined },
			{ from: from.toJSDate(), to: to.toJSDate() },
			query.limit + 1,
			after ? { at: new Date(after.at), id: after.id } : undefined
		);
		const page = rows.slice(0, query.limit);
		const last = page.at(-1);
		return {
			data: page.map((o) => occurrenceRecord(o, url.origin)),
			links: nextLink(url, rows.length > query.limit && last ? { at: last.startsAt.toISOString(), id: last.event.id } : undefined)
		};
	}
});
