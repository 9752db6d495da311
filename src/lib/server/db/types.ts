import { customType } from 'drizzle-orm/pg-core';

/**
 * PostGIS geometry columns. drizzle's own geometry type drops the SRID, so the column type is
 * written out. Values cross the driver as WKB hex; queries read them with ST_AsGeoJSON and write
 * them with ST_GeomFromGeoJSON, never as raw driver data.
 */
export const multiPolygon4326 = customType<{ data: string; driverData: string }>({
	dataType: () => 'geometry(MultiPolygon,4326)'
});
export const point4326 = customType<{ data: string; driverData: string }>({
	dataType: () => 'geometry(Point,4326)'
});
/** Full-text vector; only ever written by a generated column. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** Any geometry (a routing rule's layer: road lines, areas). */
export const geometry4326 = customType<{ data: string; driverData: string }>({
	dataType: () => 'geometry(Geometry,4326)'
});
