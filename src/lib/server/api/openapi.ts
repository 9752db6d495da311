import { z } from 'zod';
import type { Endpoint } from './endpoint.ts';

const problemSchema = {
	type: 'object',
	description: 'RFC 9457 Problem Details',
	properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
	required: ['type', 'title', 'status']
};

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
	const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
	return rest;
};

/** OpenAPI 3.1 document generated from the endpoints' own zod schemas. */
export function openApiDocument(endpoints: Endpoint<z.ZodObject, z.ZodType>[], serverUrl: string, version: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const e of endpoints) {
		const queryShape = schemaOf(e.query, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
		const pathShape = e.params ? (schemaOf(e.params, 'input') as { properties?: Record<string, Record<string, unknown>> }) : undefined;
		const parameters = [
			...Object.entries(pathShape?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
			...Object.entries(queryShape.properties ?? {}).map(([name, schema]) => ({
				name,
				in: 'query',
				required: queryShape.required?.includes(name) ?? false,
				description: schema.description,
				schema
			}))
		];
		paths[e.path] ??= {};
		paths[e.path][e.method.toLowerCase()] = {
			operationId: e.operationId,
			summary: e.summary,
			tags: e.tags,
			parameters,
			responses: {
				'200': { description: 'OK', content: { [e.responseType ?? 'application/json']: { schema: schemaOf(e.response, 'output') } } },
				'400': { description: 'Ungültige Anfrage', content: { 'application/problem+json': { schema: problemSchema } } },
				...(e.params ? { '404': { description: 'Nicht gefunden', content: { 'application/problem+json': { schema: problemSchema } } } } : {})
			}
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Partheland API',
			version,
			description: 'Offene Schnittstelle der Plattform Partheland. Alle Listen blättern mit Cursor (`links.next`). Fehler als RFC 9457 Problem Details.',
			license: { name: 'Datenlizenz Deutschland – Namensnennung 2.0', identifier: 'DL-DE-BY-2.0' }
		},
		servers: [{ url: serverUrl }],
		paths
	};
}
