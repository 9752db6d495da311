import type { Db } from '#lib/server/db/client.ts';
import { addressesAround } from '../../addresses/server/queries.ts';
import { boundaryLinesAround } from '../../region/server/queries.ts';

const METRES_PER_DEGREE = 111_320;
export const EXTRACT = { width: 640, height: 400, metresAcross: 320 };

/**
 * Kartenausschnitt for the printed work order, without any tiles: the point, the addresses of the
 * gazetteer around it and the municipal boundaries, projected to a local plane in metres
 * (equirectangular is exact enough over 300 m). Drawn as SVG by the page, printable anywhere.
 */
export async function mapExtract(db: Db, lon: number, lat: number) {
	const { width, height, metresAcross } = EXTRACT;
	const scale = width / metresAcross; // pixels per metre
	const cos = Math.cos((lat * Math.PI) / 180);
	const project = (p: [number, number]) => ({
		x: width / 2 + (p[0] - lon) * cos * METRES_PER_DEGREE * scale,
		y: height / 2 - (p[1] - lat) * METRES_PER_DEGREE * scale
	});
	const halfW = metresAcross / 2 / (METRES_PER_DEGREE * cos);
	const halfH = (height / scale / 2) / METRES_PER_DEGREE;
	const [addresses, boundaries] = await Promise.all([addressesAround(db, lon, lat, metresAcross / 2, 40), boundaryLinesAround(db, lon, lat, halfW, halfH)]);
	const paths = boundaries.flatMap((b) => {
		const geo = JSON.parse(b.lines) as { type: string; coordinates: unknown };
		const lines = (geo.type === 'LineString' ? [geo.coordinates] : geo.type === 'MultiLineString' ? geo.coordinates : []) as [number, number][][];
		return lines.filter((line) => line.length > 1).map((line) => line.map((p, i) => `${i ? 'L' : 'M'}${project(p).x.toFixed(1)},${project(p).y.toFixed(1)}`).join(''));
	});
	return {
		width,
		height,
		scaleBar: { pixels: 50 * scale, metres: 50 },
		boundaries: paths,
		// house numbers at their dots, each street's name once at the middle of its addresses
		addresses: addresses.map((a) => ({ ...project([a.lon, a.lat]), number: a.houseNumber, label: `${a.street} ${a.houseNumber}` })),
		streets: [...Map.groupBy(addresses, (a) => a.street)].map(([name, list]) => {
			const points = list.map((a) => project([a.lon, a.lat]));
			return { name, x: points.reduce((n, p) => n + p.x, 0) / points.length, y: points.reduce((n, p) => n + p.y, 0) / points.length };
		}),
		nearest: addresses[0] ? `${addresses[0].street} ${addresses[0].houseNumber}` : null
	};
}
