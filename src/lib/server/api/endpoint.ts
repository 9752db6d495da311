import { z } from 'zod';
import { isHttpError } from '@sveltejs/kit';
import { problem } from '../http.ts';
import { NotFoundError } from '../actor.ts';

/**
 * One JSON API endpoint, described by the same zod schemas that parse its input and shape its
 * output. The OpenAPI document is generated from the list of these (api/openapi.ts).
 */
export type Endpoint<Q extends z.ZodObject, R extends z.ZodType> = {
	method: 'GET';
	path: string; // OpenAPI path, e.g. /municipalities/{ags}
	operationId: string;
	summary: string;
	tags: string[];
	params?: z.ZodObject;
	query: Q;
	response: R;
	responseType?: string;
	handler: (input: { query: z.infer<Q>; params: Record<string, string>; url: URL }) => Promise<z.infer<R>>;
};

export function defineEndpoint<Q extends z.ZodObject, R extends z.ZodType>(endpoint: Endpoint<Q, R>) {
	return endpoint;
}

/** Runs an endpoint for a SvelteKit request: 400/404 as RFC 9457 problem details, never a stack trace. */
export async function serve<Q extends z.ZodObject, R extends z.ZodType>(
	endpoint: Endpoint<Q, R>,
	event: { url: URL; params: Record<string, string> }
): Promise<Response> {
	const query = endpoint.query.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) {
		return problem(400, 'Ungültige Anfrage', 'Ein oder mehrere Parameter sind ungültig.', {
			errors: query.error.issues.map((i) => ({ parameter: i.path.join('.'), detail: i.message }))
		});
	}
	if (endpoint.params) {
		const params = endpoint.params.safeParse(event.params);
		if (!params.success) return problem(404, 'Nicht gefunden', 'Diese Ressource gibt es nicht.');
	}
	try {
		const body = await endpoint.handler({ query: query.data, params: event.params, url: event.url });
		return new Response(JSON.stringify(body), {
			headers: {
				'content-type': `${endpoint.responseType ?? 'application/json'}; charset=utf-8`,
				'access-control-allow-origin': '*',
				'cache-control': 'public, max-age=60'
			}
		});
	} catch (error) {
		if (error instanceof BadRequestError) return problem(400, 'Ungültige Anfrage', error.message);
		if (error instanceof NotFoundError || (isHttpError(error) && error.status === 404)) {
			return problem(404, 'Nicht gefunden', error instanceof Error ? error.message : 'Diese Ressource gibt es nicht.');
		}
		throw error;
	}
}

export class BadRequestError extends Error {}

/**
 * A cursor only ever holds what a page of ours wrote into it: integers of int4 columns and, as
 * `at`, an instant. Anything else (a crafted cursor) is a bad request, not a database error.
 */
function plausible(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return true;
	return Object.entries(value).every(([key, v]) => {
		if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2_147_483_647;
		// an instant with a four-digit year, as toISOString writes those the database takes
		if (key === 'at') return typeof v === 'string' && /^[1-9]\d{3}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
		return plausible(v);
	});
}

/** Opaque keyset cursors: base64url JSON, validated on the way in. */
export const cursor = {
	encode: (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url'),
	decode<T extends z.ZodType>(schema: T, raw: string | undefined): z.infer<T> | undefined {
		if (!raw) return undefined;
		let value: unknown;
		try {
			value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		} catch {
			throw new BadRequestError('Der Cursor ist ungültig.');
		}
		const parsed = schema.safeParse(value);
		if (!parsed.success || !plausible(parsed.data)) throw new BadRequestError('Der Cursor ist ungültig.');
		return parsed.data;
	}
};

/** The number of a row in a query parameter (a PostgreSQL serial: 1 … 2,147,483,647). */
export const rowIdParam = z.coerce.number().int().positive().max(2_147_483_647);

export const pageQuery = z.object({
	limit: z.coerce.number().int().min(1).max(100).default(50).describe('Höchstzahl der Einträge je Seite (1–100)'),
	cursor: z.string().max(200).optional().describe('Cursor aus `links.next` der vorigen Seite')
});

export const linksSchema = z.object({ self: z.string(), next: z.string().optional() }).describe('Verweise für die Blätterung');

export function nextLink(url: URL, next: unknown | undefined) {
	const self = url.pathname + url.search;
	if (next === undefined) return { self };
	const u = new URL(url);
	u.searchParams.set('cursor', cursor.encode(next));
	return { self, next: u.pathname + u.search };
}
