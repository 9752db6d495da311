import { json } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { pick } from '#lib/i18n/localized.ts';
import { readPublicFilter } from '#lib/features/reports/server/filters.ts';
import { listPublicPoints } from '#lib/features/reports/server/service.ts';

/** The newest public reports with a point for the list page's filters (and `bbox`), as GeoJSON for its map. */
const MAP_LIMIT = 500;
const colours: Record<string, string> = { received: '#a8432e', reviewing: '#a8432e', in_progress: '#235a85', done: '#2a7259', rejected: '#4a5752', forwarded: '#4a5752' };

export const GET = async ({ url, locals }) => {
	const { filter } = await readPublicFilter(db(), url.searchParams);
	const points = await listPublicPoints(db(), { ...filter, beforeId: undefined, limit: MAP_LIMIT });
	const features = points.map((r) => ({
		type: 'Feature' as const,
		id: r.id,
		geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
		properties: { id: r.id, url: `/anliegen/${r.id}`, title: pick(r.category, locals.locale).text, status: r.status, colour: colours[r.status] }
	}));
	return json({ type: 'FeatureCollection', features }, { headers: { 'cache-control': 'public, max-age=60' } });
};
