import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { foldGerman } from '../../search/fold.ts';
import * as queries from './queries.ts';

/** A clicked point gets the nearest address within this distance as its description. */
export const NEAREST_METRES = 60;

export class AddressFileError extends Error {}

const pickField = (row: Record<string, unknown>, names: string[]) => {
	for (const name of names) {
		const value = row[name];
		if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
	}
	return undefined;
};

/** A coordinate as written in German or English files ("12,53" or "12.53"); empty is no number. */
const coordinate = (value: string | undefined) => (value ? Number(value.replace(',', '.')) : NaN);

/**
 * Reads an address file: CSV (comma or semicolon; columns street/strasse, housenumber/hausnummer
 * (+ zusatz), postcode/plz, city/ort, lat/lon) or GeoJSON points (OpenStreetMap tags addr:street,
 * addr:housenumber, addr:postcode, addr:city, or the same plain names). Rows without street,
 * number or a valid point are counted as skipped.
 */
export function readAddressFile(file: string) {
	const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	const rows: Record<string, unknown>[] = [];
	if (path.extname(file).toLowerCase().endsWith('json')) {
		const geo = JSON.parse(text) as { features?: { geometry?: { type: string; coordinates: number[] }; properties?: Record<string, unknown> }[] };
		if (!Array.isArray(geo.features)) throw new AddressFileError('Die GeoJSON-Datei enthält keine FeatureCollection.');
		for (const f of geo.features) {
			if (f.geometry?.type !== 'Point') continue;
			rows.push({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
		}
	} else {
		const delimiter = (text.split('\n')[0].match(/;/g)?.length ?? 0) > (text.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
		rows.push(...(parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), delimiter, skip_empty_lines: true, relax_column_count: true }) as Record<string, unknown>[]));
	}
	const records: queries.AddressRecord[] = [];
	let skipped = 0;
	for (const row of rows) {
		const street = pickField(row, ['addr:street', 'street', 'strasse', 'straße', 'str']);
		const number = pickField(row, ['addr:housenumber', 'housenumber', 'hausnummer', 'hnr']);
		const suffix = pickField(row, ['hausnummerzusatz', 'zusatz', 'adz']) ?? '';
		const lon = coordinate(pickField(row, ['lon', 'lng', 'longitude', 'x']));
		const lat = coordinate(pickField(row, ['lat', 'latitude', 'y']));
		if (!street || !number || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
			skipped++;
			continue;
		}
		const houseNumber = `${number}${suffix}`.slice(0, 20);
		const postcode = pickField(row, ['addr:postcode', 'postcode', 'plz']) ?? null;
		const locality = pickField(row, ['addr:city', 'city', 'ort', 'gemeinde', 'addr:suburb']) ?? null;
		records.push({ street: street.slice(0, 120), houseNumber, postcode, locality, lon, lat, folded: foldGerman(`${street} ${houseNumber} ${locality ?? ''}`) });
	}
	return { records, skipped };
}

/**
 * Replaces the addresses of one source (the file's name) in one transaction; addresses outside
 * the member municipalities are left out. Returns how many were stored.
 */
export async function importAddresses(db: Db, records: queries.AddressRecord[], source: string) {
	return transaction(db, async (tx) => {
		await queries.deleteAddressesFrom(tx, source);
		let stored = 0;
		for (let i = 0; i < records.length; i += 2000) stored += await queries.insertAddresses(tx, records.slice(i, i + 2000), source);
		return stored;
	});
}

/** Address search for the report form (at least three characters). */
export async function searchAddresses(db: Db, q: string, limit = 8) {
	const folded = foldGerman(q).trim();
	if (folded.length < 3) return [];
	const number = /(?:^|\s)(\d+\s*[a-z]?)(?:\s|$)/i.exec(q)?.[1].replace(/\s+/g, '').toLowerCase();
	return queries.searchAddresses(db, folded, limit, number);
}

export async function nearestAddress(db: Db, lon: number, lat: number) {
	return (await queries.nearestAddress(db, lon, lat, NEAREST_METRES))?.label;
}

export const countAddresses = queries.countAddresses;
