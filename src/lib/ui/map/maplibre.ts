import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { AreaFeature, MapConfig } from './types.ts';

// Same-origin module worker: allowed by the strict CSP (worker-src 'self').
maplibregl.setWorkerUrl(workerUrl);

const EMPTY_STYLE: maplibregl.StyleSpecification = {
	version: 8,
	sources: {},
	layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f1f7f4' } }]
};

let pmtilesReady: Promise<void> | undefined;

/** Teaches MapLibre the pmtiles:// protocol of the self-hosted basemap; loaded only when one is configured. */
export function enablePmtiles() {
	pmtilesReady ??= import('pmtiles').then(({ Protocol }) => {
		maplibregl.addProtocol('pmtiles', new Protocol().tile);
	});
	return pmtilesReady;
}

/** Draws the areas with outlines and HTML labels; returns a cleanup function. */
export function showAreas(container: HTMLElement, areas: AreaFeature[], config: MapConfig & { highlight?: string }) {
	const bounds = new maplibregl.LngLatBounds();
	const collection: GeoJSON.FeatureCollection = {
		type: 'FeatureCollection',
		features: areas.map((a) => ({ ...a, properties: { name: a.properties.name, highlight: a.id === config.highlight } }))
	};
	for (const a of areas) extend(bounds, a.geometry);

	const map = new maplibregl.Map({
		container,
		style: config.styleUrl ?? EMPTY_STYLE,
		bounds,
		fitBoundsOptions: { padding: 24 },
		attributionControl: false,
		cooperativeGestures: true,
		dragRotate: false
	});
	map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');

	map.on('load', () => {
		map.addSource('areas', { type: 'geojson', data: collection });
		map.addLayer({
			id: 'areas-fill',
			type: 'fill',
			source: 'areas',
			paint: { 'fill-color': ['case', ['get', 'highlight'], '#2a7259', '#7fb39d'], 'fill-opacity': config.styleUrl ? 0.25 : 0.45 }
		});
		map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#123d30', 'line-width': 1.5 } });
	});

	const markers = areas
		.filter((a) => a.properties.labelPoint)
		.map((a) => {
			const link = document.createElement('a');
			link.href = new URL(a.properties.url).pathname; // same page, whichever host the API named
			link.className = 'map-label';
			link.textContent = a.properties.name;
			return new maplibregl.Marker({ element: link }).setLngLat(a.properties.labelPoint!).addTo(map);
		});

	return () => {
		markers.forEach((m) => m.remove());
		map.remove();
	};
}

function extend(bounds: maplibregl.LngLatBounds, geometry: GeoJSON.Geometry) {
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') bounds.extend(c as [number, number]);
		else if (Array.isArray(c)) c.forEach(visit);
	};
	if ('coordinates' in geometry) visit(geometry.coordinates);
}

/**
 * A map to choose one point: click (or tap) sets the marker, which can also be dragged; the
 * member boundaries are drawn for orientation. Returns controls to set the point from outside
 * (device position) and a cleanup function.
 */
export function pickPoint(
	container: HTMLElement,
	areas: AreaFeature[],
	config: MapConfig,
	initial: { lon: number; lat: number } | null,
	onPick: (p: { lon: number; lat: number }) => void
) {
	const bounds = new maplibregl.LngLatBounds();
	for (const a of areas) extend(bounds, a.geometry);
	const map = new maplibregl.Map({
		container,
		style: config.styleUrl ?? EMPTY_STYLE,
		bounds,
		fitBoundsOptions: { padding: 16 },
		attributionControl: false,
		dragRotate: false
	});
	map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
	map.on('load', () => {
		map.addSource('areas', { type: 'geojson', data: { type: 'FeatureCollection', features: areas } });
		map.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#7fb39d', 'fill-opacity': config.styleUrl ? 0.12 : 0.3 } });
		map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#123d30', 'line-width': 1.5 } });
	});
	const marker = new maplibregl.Marker({ draggable: true, color: '#b3261e' });
	const place = (p: { lon: number; lat: number }, fly: boolean) => {
		marker.setLngLat([p.lon, p.lat]).addTo(map);
		if (fly) map.easeTo({ center: [p.lon, p.lat], zoom: Math.max(map.getZoom(), 15) });
	};
	if (initial) place(initial, false);
	map.on('click', (e) => {
		place({ lon: e.lngLat.lng, lat: e.lngLat.lat }, false);
		onPick({ lon: e.lngLat.lng, lat: e.lngLat.lat });
	});
	marker.on('dragend', () => {
		const p = marker.getLngLat();
		onPick({ lon: p.lng, lat: p.lat });
	});
	return {
		set: (p: { lon: number; lat: number } | null) => (p ? place(p, true) : marker.remove()),
		destroy: () => map.remove()
	};
}

/** Points of reports as circles, each a link to its page through a click. */
export function showPoints(container: HTMLElement, points: GeoJSON.FeatureCollection<GeoJSON.Point, { id: number; url: string; title: string }>, areas: AreaFeature[], config: MapConfig) {
	const bounds = new maplibregl.LngLatBounds();
	for (const a of areas) extend(bounds, a.geometry);
	const map = new maplibregl.Map({ container, style: config.styleUrl ?? EMPTY_STYLE, bounds, fitBoundsOptions: { padding: 16 }, attributionControl: false, cooperativeGestures: true, dragRotate: false });
	map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
	// one report: its surroundings; streets with a basemap, the municipal borders without one
	if (points.features.length === 1) map.jumpTo({ center: points.features[0].geometry.coordinates as [number, number], zoom: config.styleUrl ? 16 : 12 });
	map.on('load', () => {
		map.addSource('areas', { type: 'geojson', data: { type: 'FeatureCollection', features: areas } });
		map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#123d30', 'line-width': 1.2 } });
		map.addSource('points', { type: 'geojson', data: points });
		map.addLayer({
			id: 'points',
			type: 'circle',
			source: 'points',
			paint: { 'circle-radius': 6, 'circle-color': ['get', 'colour'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 }
		});
		map.on('click', 'points', (e) => {
			const url = e.features?.[0]?.properties?.url;
			if (typeof url === 'string') window.location.assign(url);
		});
		map.on('mouseenter', 'points', () => (map.getCanvas().style.cursor = 'pointer'));
		map.on('mouseleave', 'points', () => (map.getCanvas().style.cursor = ''));
	});
	return () => map.remove();
}
