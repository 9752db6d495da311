import { error, json } from '@sveltejs/kit';
import { config } from '#lib/server/config.ts';
import { basemapFile, basemapStyle } from '#lib/server/basemap.ts';

/** The MapLibre style of the self-hosted basemap (areas and labels are added by the map itself). */
export const GET = ({ url }) => {
	if (!basemapFile()) error(404, 'Keine Grundkarte eingerichtet.');
	return json(basemapStyle(config().ORIGIN ?? url.origin), { headers: { 'cache-control': 'public, max-age=3600' } });
};
