import { z } from 'zod';
import { NotFoundError } from '#lib/server/actor.ts';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { getLeitbild } from './server/service.ts';

const localized = z.object({ de: z.string(), en: z.string().optional() }).describe('Text auf Deutsch, wo vorhanden auf Englisch');
const goalSchema = z.object({
	number: z.number().int(),
	shortTitle: localized,
	text: localized,
	actionFields: z.array(z.number().int()).describe('Nummern der Handlungsfelder, denen das Leitziel dient')
});
const actionFieldSchema = z.object({
	number: z.number().int(),
	title: localized,
	description: localized,
	goals: z.array(z.number().int()).describe('Nummern der Leitziele in diesem Handlungsfeld')
});

async function current() {
	const leitbild = await getLeitbild(db());
	if (!leitbild) throw new NotFoundError('Das Leitbild ist noch nicht hinterlegt.');
	const { preamble, goals, actionFields } = leitbild.content;
	return {
		stand: leitbild.stand.toISOString(),
		preamble,
		goals,
		actionFields: actionFields.map((f) => ({ ...f, goals: goals.filter((g) => g.actionFields.includes(f.number)).map((g) => g.number) }))
	};
}

export const getLeitbildEndpoint = defineEndpoint({
	method: 'GET',
	path: '/leitbild',
	operationId: 'getLeitbild',
	summary: 'Das Leitbild: Präambel, Leitziele und Handlungsfelder mit ihren Verknüpfungen',
	tags: ['Leitbild'],
	query: z.object({}),
	response: z.object({
		stand: z.string().describe('Zeitpunkt der geltenden Fassung (ISO 8601)'),
		preamble: z.object({ title: localized, statements: z.array(localized) }),
		goals: z.array(goalSchema),
		actionFields: z.array(actionFieldSchema)
	}),
	handler: () => current()
});

function byNumber<T extends { number: number }>(items: T[], query: z.infer<typeof pageQuery>, url: URL) {
	const after = cursor.decode(z.object({ n: z.number().int() }), query.cursor)?.n ?? 0;
	const rest = items.filter((i) => i.number > after).sort((a, b) => a.number - b.number);
	const page = rest.slice(0, query.limit);
	return { data: page, links: nextLink(url, rest.length > query.limit ? { n: page[page.length - 1].number } : undefined) };
}

export const listGoalsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/leitbild/goals',
	operationId: 'listGoals',
	summary: 'Die Leitziele mit den Handlungsfeldern, denen sie dienen',
	tags: ['Leitbild'],
	query: pageQuery,
	response: z.object({ data: z.array(goalSchema), links: linksSchema }),
	handler: async ({ query, url }) => byNumber((await current()).goals, query, url)
});

export const listActionFieldsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/leitbild/action-fields',
	operationId: 'listActionFields',
	summary: 'Die Handlungsfelder mit ihren Leitzielen',
	tags: ['Leitbild'],
	query: pageQuery,
	response: z.object({ data: z.array(actionFieldSchema), links: linksSchema }),
	handler: async ({ query, url }) => byNumber((await current()).actionFields, query, url)
});
