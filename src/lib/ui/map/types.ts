/** What a map shows: the areas of a GeoJSON source from the platform's own API, with HTML labels. */
export type MapConfig = { styleUrl?: string; pmtiles?: boolean; attribution: string };
export type AreaFeature = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { name: string; url: string; labelPoint: [number, number] | null }>;
