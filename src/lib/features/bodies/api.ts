import { z } from 'zod';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery, rowIdParam } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { decisionResults, voteChoices } from './decisions.ts';
import { decisionsPage, meetingsPage, papersPage } from './server/datasets.ts';
import * as queries from './server/queries.ts';
import { seats } from './server/service.ts';
import { bodyKinds, meetingStatuses, paperTypes } from './server/tables.ts';

const afterId = z.object({ id: z.number().int() });
const ags = z.string().describe('Amtlicher Gemeindeschlüssel');
const holder = z.object({ name: z.string(), title: z.string().nullable() }).nullable();

export const listBodiesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/bodies',
	operationId: 'listBodies',
	summary: 'Die Gremien der Kooperation mit ihrer Beschlussregel und den Stimmen der Kommunen',
	tags: ['Gremien'],
	query: z.object({}),
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				shortName: z.string(),
				kind: z.enum(bodyKinds),
				rule: z.enum(['unanimous', 'majority']),
				abstentionBlocks: z.boolean().describe('Ob eine Enthaltung die Einstimmigkeit verhindert'),
				seats: z.array(z.object({ municipality: ags, holder, deputy: holder })).describe('Je Mitgliedskommune ein Sitz mit einer Stimme')
			})
		)
	}),
	handler: async () => {
		const bodies = (await queries.listBodies(db())).filter((b) => b.active);
		const data = [];
		for (const b of bodies) {
			const list = await seats(db(), b.id);
			const person = (p: { name: string; title: string | null } | null) => (p ? { name: p.name, title: p.title } : null);
			data.push({ id: b.id, name: b.name, shortName: b.shortName, kind: b.kind, rule: b.ruleKind, abstentionBlocks: b.abstentionBlocks, seats: list.map((s) => ({ municipality: s.municipality, holder: person(s.holder), deputy: person(s.deputy) })) });
		}
		return { data };
	}
});

export const listMeetingsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/meetings',
	operationId: 'listMeetings',
	summary: 'Sitzungen mit ihren öffentlichen Tagesordnungspunkten',
	tags: ['Gremien'],
	query: pageQuery,
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				body: z.number().int(),
				start: z.string(),
				end: z.string().nullable(),
				status: z.enum(meetingStatuses),
				location: z.string().nullable(),
				onlineUrl: z.string().nullable(),
				agendaItems: z.array(z.object({ number: z.string(), title: z.string(), paper: z.string().nullable() })).describe('Nur öffentliche Punkte'),
				url: z.string()
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const { rows, next } = await meetingsPage(db(), cursor.decode(afterId, query.cursor)?.id, query.limit, url.origin);
		return { data: rows, links: nextLink(url, next === undefined ? undefined : { id: next }) };
	}
});

export const listPapersEndpoint = defineEndpoint({
	method: 'GET',
	path: '/papers',
	operationId: 'listPapers',
	summary: 'Vorlagen, die in öffentlichen Tagesordnungspunkten beraten werden',
	tags: ['Gremien'],
	query: pageQuery,
	response: z.object({
		data: z.array(
			z.object({ id: z.number().int(), reference: z.string(), title: z.string(), type: z.enum(paperTypes), origin: ags.nullable().describe('Einbringende Kommune; null: Koordinierungsstelle'), date: z.string(), text: z.string(), url: z.string() })
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const { rows, next } = await papersPage(db(), cursor.decode(afterId, query.cursor)?.id, query.limit, url.origin);
		return { data: rows, links: nextLink(url, next === undefined ? undefined : { id: next }) };
	}
});

export const listDecisionsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/decisions',
	operationId: 'listDecisions',
	summary: 'Beschlüsse (öffentliche Punkte, geltende Fassung) mit der Stimme jeder Kommune',
	tags: ['Gremien'],
	query: pageQuery.extend({
		body: rowIdParam.optional().describe('Nur Beschlüsse dieses Gremiums'),
		result: z.enum(decisionResults).optional(),
		vote: z.enum(voteChoices).optional().describe('Nur Beschlüsse, bei denen ein Sitz (mit municipality: dieser Kommune) so gestimmt hat'),
		municipality: ags.optional().describe('Mit vote: die Kommune, deren Stimme zählt')
	}),
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				body: z.number().int(),
				bodyName: z.string(),
				meeting: z.number().int(),
				meetingStart: z.string(),
				agendaItem: z.string(),
				title: z.string(),
				paper: z.string().nullable(),
				text: z.string().nullable(),
				result: z.enum(decisionResults),
				rule: z.enum(['unanimous', 'majority']),
				abstentionBlocks: z.boolean(),
				yes: z.number().int(),
				no: z.number().int(),
				abstain: z.number().int(),
				absent: z.number().int(),
				votes: z.array(z.object({ municipality: ags, vote: z.enum(voteChoices) })),
				corrects: z.number().int().nullable().describe('Der Beschluss, den dieser berichtigt'),
				correctionReason: z.string().nullable(),
				url: z.string()
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const before = cursor.decode(z.object({ at: z.string(), id: z.number().int() }), query.cursor);
		const p = await decisionsPage(db(), { bodyId: query.body, result: query.result, vote: query.vote, voteBy: query.vote ? query.municipality : undefined }, query.limit, before ? { at: new Date(before.at), id: before.id } : undefined, url.origin);
		return { data: p.rows, links: nextLink(url, p.next ? { at: p.next.at.toISOString(), id: p.next.id } : undefined) };
	}
});
