import { endpoints } from '#lib/server/api/index.ts';
import { openApiDocument } from '#lib/server/api/openapi.ts';

export const GET = ({ url }) =>
	new Response(JSON.stringify(openApiDocument(endpoints as never, `${url.origin}/api/v1`, '1.0.0'), null, 2), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }
	});
