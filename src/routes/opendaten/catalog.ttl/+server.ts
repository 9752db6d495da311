import { db } from '#lib/server/runtime.ts';
import { catalogInput } from '#lib/features/opendata/server/service.ts';
import { catalogTriples, catalogTurtle } from '#lib/features/opendata/server/catalog.ts';

/** The DCAT-AP.de catalogue as Turtle, for harvesters. */
export const GET = async ({ url }) =>
	new Response(await catalogTurtle(catalogTriples(await catalogInput(db(), url.origin))), {
		headers: { 'content-type': 'text/turtle; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
	});
