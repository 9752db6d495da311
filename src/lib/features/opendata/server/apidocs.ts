import type { Db } from '#lib/server/db/client.ts';
import { endpoints } from '#lib/server/api/index.ts';
import { openApiDocument } from '#lib/server/api/openapi.ts';
import { findRegion, listMembers } from './queries.ts';

type Schema = { type?: string | string[]; enum?: unknown[]; default?: unknown; description?: string; pattern?: string; minimum?: number; maximum?: number };
type Parameter = { name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: Schema };
type Operation = { operationId: string; summary: string; tags: string[]; parameters: Parameter[] };

/**
 * The `/api` page: every endpoint of /api/v1 from the OpenAPI document (the same one the
 * endpoints are generated from), grouped by tag, each with its parameters and an example request
 * that works against this installation.
 */
export async function apiReference(db: Db, origin: string) {
	const [[member], region] = await Promise.all([listMembers(db, 1), findRegion(db)]);
	const example = { ags: member?.ags ?? '00000000' };
	const doc = openApiDocument(endpoints as never, `${origin}/api/v1`, '1.0.0');
	const groups = new Map<string, { method: string; path: string; summary: string; operationId: string; parameters: { name: string; in: string; required: boolean; description: string; type: string }[]; example: string }[]>();
	for (const [path, methods] of Object.entries(doc.paths)) {
		for (const [method, raw] of Object.entries(methods)) {
			const op = raw as Operation;
			const filled = path.replace('{ags}', example.ags).replace(/\{id\}/g, '1');
			const query = op.parameters.some((p) => p.name === 'limit') ? '?limit=2' : op.parameters.some((p) => p.name === 'q') ? '?q=Markt' : '';
			const entry = {
				method: method.toUpperCase(),
				path: `/api/v1${path}`,
				summary: op.summary,
				operationId: op.operationId,
				parameters: op.parameters.map((p) => ({ name: p.name, in: p.in === 'path' ? 'Pfad' : 'Abfrage', required: p.required, description: (p.description ?? p.schema.description ?? '').replace(/`/g, ''), type: describe(p.schema) })),
				example: `/api/v1${filled}${query}`
			};
			const tag = op.tags[0] ?? 'Allgemein';
			groups.set(tag, [...(groups.get(tag) ?? []), entry]);
		}
	}
	return { bodyId: region?.id ?? 'region', title: doc.info.title, groups: [...groups].map(([tag, operations]) => ({ tag, operations })) };
}

function describe(s: Schema) {
	if (s.enum) return s.enum.map(String).join(' | ');
	const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'string');
	const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ''}–${s.maximum ?? ''})` : '';
	return `${type}${range}${s.default !== undefined ? `, Standard ${String(s.default)}` : ''}`;
}
