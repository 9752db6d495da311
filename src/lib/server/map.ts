import { config } from './config.ts';
import { basemapFile, PMTILES_ATTRIBUTION, PMTILES_STYLE_PATH } from './basemap.ts';

/**
 * Map settings for pages: the basemap is off unless an operator configures one, either a style
 * from elsewhere (BASEMAP_STYLE_URL) or a PMTiles archive served by the platform itself.
 */
export function mapConfig(attributions: string[]) {
	const external = config().BASEMAP_STYLE_URL;
	if (external) return { styleUrl: external, attribution: attributions.join('; ') };
	if (basemapFile()) return { styleUrl: PMTILES_STYLE_PATH, pmtiles: true, attribution: [...attributions, PMTILES_ATTRIBUTION].join('; ') };
	return { attribution: attributions.join('; ') };
}
