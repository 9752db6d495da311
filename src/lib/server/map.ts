import { config } from './config.ts';

/** Map settings for pages: the basemap is off unless an operator configures one. */
export function mapConfig(attributions: string[]) {
	const styleUrl = config().BASEMAP_STYLE_URL;
	return { styleUrl, attribution: attributions.join('; ') };
}
