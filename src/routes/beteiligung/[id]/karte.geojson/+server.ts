import { db } from '#lib/server/runtime.ts';
import { ideaPoints } from '#lib/features/participation/server/queries.ts';
import { getProcess } from '#lib/features/participation/server/service.ts';
import { guard } from '#lib/features/participation/server/web.ts';

/** The located ideas of a process for its map (the idea list on the page is the alternative); `nur`: one idea. */
export const GET = async ({ params, url, locals }) => {
	await guard(() => getProcess(db(), locals.actor, Number(params.id)));
	const only = Number(url.searchParams.get('nur')) || null;
	const points = (await ideaPoints(db(), Number(params.id))).filter((p) => only === null || p.id === only);
	const features = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, url: `/beteiligung/ideen/${p.id}`, title: p.title, colour: '#1f5f4a' } }));
	return new Response(JSON.stringify({ type: 'FeatureCollection', features }), { headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=60' } });
};
