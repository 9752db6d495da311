import { db } from '#lib/server/runtime.ts';
import { catalogInput } from '#lib/features/opendata/server/service.ts';
import { catalogJsonLd, catalogTriples } from '#lib/features/opendata/server/catalog.ts';

/** The DCAT-AP.de catalogue as JSON-LD, for harvesters. */
export const GET = async ({ url }) =>
	new Response(JSON.stringify(catalogJsonLd(catalogTriples(await catalogInput(db(), url.origin))), null, 1), {
		headers: { 'content-type': 'application/ld+json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
	});
