import { z } from 'zod';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery, rowIdParam } from '#lib/server/api/endpoint.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { db } from '#lib/server/runtime.ts';
import { ideaStatuses, phaseKinds } from './phases.ts';
import * as queries from './server/queries.ts';
import * as surveyQueries from './server/surveys/queries.ts';
import { surveyResults } from './server/surveys/service.ts';
import { questionKinds } from './server/tables.ts';
import { ideaRecord, presentProcess } from './server/presenter.ts';

const phaseSchema = z.object({
	kind: z.enum(phaseKinds),
	starts: z.string().describe('ISO 8601, UTC'),
	ends: z.string().nullable().describe('ISO 8601, UTC; null: offen'),
	components: z.array(z.string()).describe('submit, support, comment, points')
});
const processSchema = z.object({
	id: z.number().int(),
	title: z.string(),
	summary: z.string(),
	owner: z.string().nullable().describe('AGS der verantwortlichen Kommune; null: die Region'),
	municipalities: z.array(z.string()).describe('AGS der betroffenen Kommunen; leer: die ganze Region'),
	state: z.enum(['upcoming', 'open', 'finished']),
	currentPhase: z.enum(phaseKinds).nullable(),
	phases: z.array(phaseSchema),
	pointsBudget: z.number().int(),
	ideas: z.number().int().describe('sichtbare Ideen'),
	url: z.string()
});

export const listProcessesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/participation-processes',
	operationId: 'listParticipationProcesses',
	summary: 'Veröffentlichte Beteiligungsverfahren mit ihren Phasen, neueste zuerst',
	tags: ['Beteiligung'],
	query: pageQuery,
	response: z.object({ data: z.array(processSchema), links: linksSchema }),
	handler: async ({ query, url }) => {
		const before = cursor.decode(z.object({ id: z.number().int() }), query.cursor);
		const rows = await queries.listProcesses(db(), { publishedOnly: true, beforeId: before?.id, limit: query.limit + 1 });
		const page = rows.slice(0, query.limit);
		const phases = await queries.phasesOf(
			db(),
			page.map((r) => r.process.id)
		);
		const now = new Date();
		return {
			data: page.map((r) =>
				presentProcess(
					r,
					phases.filter((p) => p.processId === r.process.id),
					url.origin,
					now
				)
			),
			links: nextLink(url, rows.length > query.limit ? { id: page.at(-1)!.process.id } : undefined)
		};
	}
});

export const getProcessEndpoint = defineEndpoint({
	method: 'GET',
	path: '/participation-processes/{id}',
	operationId: 'getParticipationProcess',
	summary: 'Ein veröffentlichtes Beteiligungsverfahren',
	tags: ['Beteiligung'],
	params: z.object({ id: z.string().regex(/^\d{1,9}$/) }),
	query: z.object({}),
	response: processSchema,
	handler: async ({ params, url }) => {
		const found = await queries.findProcess(db(), Number(params.id));
		if (!found?.process.published) throw new NotFoundError('Dieses Beteiligungsverfahren gibt es nicht.');
		const [row] = await queries.listProcesses(db(), { publishedOnly: true, beforeId: found.process.id + 1, limit: 1 });
		return presentProcess(row, await queries.phasesOf(db(), [found.process.id]), url.origin, new Date());
	}
});

export const listIdeasEndpoint = defineEndpoint({
	method: 'GET',
	path: '/ideas',
	operationId: 'listIdeas',
	summary: 'Sichtbare Ideen veröffentlichter Verfahren mit Unterstützungen und Kommentaren, nach Nummer',
	tags: ['Beteiligung'],
	query: pageQuery.extend({ process: rowIdParam.optional().describe('Nummer des Verfahrens') }),
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				process: z.number().int(),
				title: z.string(),
				text: z.string().describe('Markdown'),
				category: z.string(),
				author: z.string().describe('Anzeigename'),
				municipality: z.string().nullable().describe('AGS'),
				place: z.string().nullable(),
				location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
				status: z.enum(ideaStatuses),
				answer: z.string().nullable(),
				measure: z.number().int().nullable().describe('Nummer der Maßnahme, zu der die Idee wurde'),
				supports: z.number().int(),
				comments: z.number().int(),
				created: z.string(),
				edited: z.string().nullable(),
				url: z.string()
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const after = cursor.decode(z.object({ id: z.number().int() }), query.cursor);
		const rows = await queries.listPublicIdeas(db(), { processId: query.process, afterId: after?.id, limit: query.limit + 1 });
		const page = rows.slice(0, query.limit);
		return {
			data: page.map((row) => ({ ...ideaRecord(row, url.origin), author: row.authorName ?? 'ehemaliges Konto' })),
			links: nextLink(url, rows.length > query.limit ? { id: page.at(-1)!.idea.id } : undefined)
		};
	}
});

export const getSurveyResultsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/surveys/{id}/results',
	operationId: 'getSurveyResults',
	summary: 'Ergebnisse einer Umfrage, deren Verfahren sie veröffentlicht (freigegebene Freitexte)',
	tags: ['Beteiligung'],
	params: z.object({ id: z.string().regex(/^\d{1,9}$/) }),
	query: z.object({}),
	response: z.object({
		id: z.number().int(),
		title: z.string(),
		process: z.number().int(),
		responses: z.number().int(),
		questions: z.array(
			z.object({
				id: z.number().int(),
				kind: z.enum(questionKinds),
				prompt: z.string(),
				answered: z.number().int(),
				counts: z.array(z.object({ answer: z.string(), count: z.number().int(), percent: z.number() })).describe('Auswahl, Ja/Nein (yes/no) und Skala'),
				mean: z.number().nullable().describe('Skala: Mittelwert'),
				ranking: z.array(z.object({ answer: z.string(), averageRank: z.number() })).describe('Rangfolge: kleiner ist wichtiger'),
				texts: z.array(z.string()).describe('Freitexte nach Freigabe')
			})
		),
		url: z.string()
	}),
	handler: async ({ params, url }) => {
		const found = await surveyQueries.findSurvey(db(), Number(params.id));
		if (!found || !found.survey.published || !found.processPublished || !found.survey.resultsPublic) throw new NotFoundError('Zu dieser Umfrage gibt es keine öffentlichen Ergebnisse.');
		const results = await surveyResults(db(), found.survey.id);
		return {
			id: found.survey.id,
			title: found.survey.title,
			process: found.survey.processId,
			responses: results.responses,
			questions: results.questions.map((q) => ({
				id: q.id,
				kind: q.kind,
				prompt: q.prompt,
				answered: q.answered,
				counts: q.rows.map((r) => ({ answer: q.kind === 'yesno' ? (r.label === 'Ja' ? 'yes' : 'no') : r.label, count: r.count, percent: r.percent })),
				mean: q.mean,
				ranking: q.ranking.map((r) => ({ answer: r.label, averageRank: r.average })),
				texts: q.texts
			})),
			url: `${url.origin}/beteiligung/umfragen/${found.survey.id}/ergebnisse`
		};
	}
});
