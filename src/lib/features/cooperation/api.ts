import { z } from 'zod';
import { cursor, defineEndpoint, linksSchema, nextLink, pageQuery } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { applicationStatuses, funders, measureStatuses } from './server/tables.ts';
import { applicationsPage, indicatorsPage, measuresPage, programmesPage } from './server/datasets.ts';
import { programmeRecord } from './server/presenter.ts';

const afterId = z.object({ id: z.number().int() });
const ags = z.string().describe('Amtlicher Gemeindeschlüssel (8 Ziffern)');
const share = z.object({ municipality: ags, amountCents: z.number().int() });
const date = z.string().nullable().describe('Datum (JJJJ-MM-TT)');

const measureSchema = z.object({
	id: z.number().int(),
	title: z.string(),
	description: z.string(),
	status: z.enum(measureStatuses).describe('idea, planned, in_progress, completed, deferred'),
	progress: z.number().int().describe('Fortschritt in Prozent (0–100)'),
	progressSetManually: z.boolean().describe('true: von Hand gesetzt, sonst aus den Meilensteinen berechnet'),
	leadMunicipality: ags.describe('Federführende Kommune (AGS)'),
	participants: z.array(ags).describe('Beteiligte Kommunen (AGS)'),
	actionFields: z.array(z.number().int()).describe('Nummern der Handlungsfelder'),
	goals: z.array(z.number().int()).describe('Nummern der Leitziele'),
	startOn: date,
	endOn: date,
	lighthouse: z.boolean().describe('Leuchtturmprojekt'),
	budgetTotalCents: z.number().int().describe('Geplante Kosten aller Jahre in Cent'),
	actualTotalCents: z.number().int().describe('Ist-Kosten aller Jahre in Cent'),
	costKey: z.enum(['equal', 'inhabitants', 'percentages', 'lead']).describe('Art des Kostenschlüssels'),
	costShares: z.array(share).describe('Anteil jeder Kommune an den geplanten Kosten in Cent; die Summe ist budgetTotalCents'),
	updatedAt: z.string(),
	url: z.string()
});

export const listMeasuresEndpoint = defineEndpoint({
	method: 'GET',
	path: '/measures',
	operationId: 'listMeasures',
	summary: 'Die öffentlichen gemeinsamen Maßnahmen mit Status, Fortschritt, Kosten und Kostenanteilen',
	tags: ['Kooperation'],
	query: pageQuery.extend({
		municipality: z.string().regex(/^\d{8}$/).optional().describe('Nur Maßnahmen, die diese Kommune führt oder an denen sie beteiligt ist (AGS)'),
		actionField: z.coerce.number().int().min(1).max(999).optional().describe('Nur Maßnahmen dieses Handlungsfelds (Nummer)'),
		status: z.enum(measureStatuses).optional()
	}),
	response: z.object({ data: z.array(measureSchema), links: linksSchema }),
	handler: async ({ query, url }) => {
		const after = cursor.decode(afterId, query.cursor)?.id ?? 0;
		const page = await measuresPage(db(), { ags: query.municipality, actionField: query.actionField, status: query.status }, query.limit, after, url.origin);
		return { data: page.rows, links: nextLink(url, page.next === undefined ? undefined : { id: page.next }) };
	}
});

export const listIndicatorsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/indicators',
	operationId: 'listIndicators',
	summary: 'Indikatoren der Leitziele und der öffentlichen Maßnahmen mit ihren Messwerten',
	tags: ['Kooperation'],
	query: pageQuery,
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				unit: z.string(),
				baseline: z.number().nullable(),
				target: z.number().nullable(),
				direction: z.enum(['higher', 'lower']).describe('Ob höhere oder niedrigere Werte besser sind'),
				goal: z.number().int().nullable().describe('Nummer des Leitziels, wenn der Indikator zu einem gehört'),
				measure: z.number().int().nullable().describe('Nummer der Maßnahme, wenn der Indikator zu einer gehört'),
				values: z.array(z.object({ date: z.string(), value: z.number(), source: z.string().nullable() }))
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const page = await indicatorsPage(db(), query.limit, cursor.decode(afterId, query.cursor)?.id ?? 0);
		return { data: page.rows, links: nextLink(url, page.next === undefined ? undefined : { id: page.next }) };
	}
});

export const listFundingProgrammesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/funding-programmes',
	operationId: 'listFundingProgrammes',
	summary: 'Förderprogramme, die die Kooperation beobachtet',
	tags: ['Kooperation'],
	query: pageQuery,
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				funder: z.enum(funders).describe('eu, bund, land (Freistaat), landkreis, foundation, other'),
				fundingRateBasisPoints: z.number().int().nullable().describe('Förderquote in Hundertstelprozent (7500 = 75 %)'),
				maxAmountCents: z.number().int().nullable(),
				deadlines: z.array(z.object({ on: z.string(), label: z.string() })),
				actionFields: z.array(z.number().int()).describe('Förderfähige Handlungsfelder (Nummern)'),
				link: z.string().nullable(),
				notes: z.string().nullable(),
				active: z.boolean()
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const page = await programmesPage(db(), query.limit, cursor.decode(afterId, query.cursor)?.id ?? 0);
		return { data: page.rows.map(programmeRecord), links: nextLink(url, page.next === undefined ? undefined : { id: page.next }) };
	}
});

export const listFundingApplicationsEndpoint = defineEndpoint({
	method: 'GET',
	path: '/funding-applications',
	operationId: 'listFundingApplications',
	summary: 'Förderanträge der öffentlichen Maßnahmen mit Beträgen und Eigenanteilen',
	tags: ['Kooperation'],
	query: pageQuery,
	response: z.object({
		data: z.array(
			z.object({
				id: z.number().int(),
				measure: z.number().int(),
				measureTitle: z.string(),
				programme: z.number().int(),
				programmeName: z.string(),
				funder: z.string(),
				status: z.enum(applicationStatuses).describe('preparing, submitted, granted, rejected, settled'),
				eligibleCostsCents: z.number().int(),
				requestedCents: z.number().int(),
				grantedCents: z.number().int().nullable(),
				fundingCents: z.number().int().describe('Bewilligt, solange offen beantragt, bei Ablehnung 0'),
				ownShareCents: z.number().int().describe('Eigenanteil: förderfähige Kosten ohne die Förderung'),
				ownShares: z.array(share).describe('Eigenanteil je Kommune nach dem Kostenschlüssel der Maßnahme'),
				submitBy: date,
				submittedOn: date,
				grantedOn: date,
				proofDueOn: date.describe('Frist des Verwendungsnachweises')
			})
		),
		links: linksSchema
	}),
	handler: async ({ query, url }) => {
		const page = await applicationsPage(db(), query.limit, cursor.decode(afterId, query.cursor)?.id ?? 0);
		return { data: page.rows, links: nextLink(url, page.next === undefined ? undefined : { id: page.next }) };
	}
});
