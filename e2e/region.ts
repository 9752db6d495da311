/** The region's members as the tests name them. */
export const BORSDORF = '14729060';
export const NAUNHOF = '14729300';

/** A point inside a member: the label point the platform's own API gives for it. */
export async function labelPoint(base: string, ags: string) {
	const feature = (await (await fetch(`${base}/api/v1/municipalities/${ags}`)).json()) as { properties: { labelPoint: [number, number] } };
	const [lon, lat] = feature.properties.labelPoint;
	return { lon, lat };
}
