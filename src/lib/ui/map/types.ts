/** What a map shows: areas (polygons) and labelled places, each linking to its page. */
export type MapArea = { id: string; name: string; href: string; geometry: GeoJSON.Geometry; label: [number, number] };
export type MapConfig = { styleUrl?: string; attribution: string };
