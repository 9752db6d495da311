import type { Geometry } from 'geojson';
import type { Db } from '../db/client.ts';
import type { Localized } from '../../i18n/localized.ts';
import { csvCell, csvLine, type CsvColumn } from './csv.ts';

/** Themes of the EU vocabulary (publications.europa.eu/resource/authority/data-theme) the catalogue uses. */
export type DataTheme = 'GOVE' | 'REGI' | 'SOCI' | 'EDUC' | 'ECON' | 'TRAN' | 'ENVI';

export type DatasetPage<T, C> = { rows: T[]; next: C | undefined };

/**
 * One public dataset: the canonical export behind `/opendaten/daten/<id>.csv|json|geojson` and
 * its entry in the DCAT-AP.de catalogue. A domain defines its datasets next to its presenters;
 * `src/lib/server/domains.ts` lists them. `page` reads one keyset page (public rows only, already
 * in their public shape), so a download never holds the table nor the database connection.
 */
export type Dataset<T = never, C = never> = {
	id: string;
	title: Localized;
	description: Localized;
	keywords: string[];
	themes: DataTheme[];
	/** 'platform': the licence the region configures; 'boundaries': BKG-derived geometry keeps its own. */
	licence: 'platform' | 'boundaries';
	/** The CSV columns, documented; they are also what the JSON record holds unless `record` says otherwise. */
	columns: DatasetColumn<T>[];
	page: (db: Db, after: C | undefined, limit: number, origin: string) => Promise<DatasetPage<T, C>>;
	/** The JSON record of a row; without it, the row itself. */
	record?: (row: T) => unknown;
	/** With a geometry the dataset is offered as GeoJSON too. */
	geometry?: (row: T) => Geometry | null;
	/** When its content last changed (null: empty). */
	modified: (db: Db) => Promise<Date | null>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDataset = Dataset<any, any>;

export const datasetFormats = ['csv', 'json', 'geojson'] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

export const formatMediaTypes: Record<DatasetFormat, string> = {
	csv: 'text/csv',
	json: 'application/json',
	geojson: 'application/geo+json'
};

export function formatsOf(dataset: AnyDataset): DatasetFormat[] {
	return dataset.geometry ? ['csv', 'json', 'geojson'] : ['csv', 'json'];
}

/** Rows of a dataset in pages of `batch`; each page is asked for only when the reader wants more. */
function pagedStream<T, C>(read: (after: C | undefined) => Promise<DatasetPage<T, C>>, head: string, row: (row: T, first: boolean) => string, tail: string, firstPage?: DatasetPage<T, C>) {
	const encoder = new TextEncoder();
	let prefetched = firstPage;
	let after: C | undefined;
	let state: 'head' | 'rows' | 'done' = 'head';
	let first = true;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (state === 'head') {
				state = 'rows';
				if (head) return controller.enqueue(encoder.encode(head));
			}
			if (state === 'done') return controller.close();
			const page = prefetched ?? (await read(after));
			prefetched = undefined;
			let chunk = '';
			for (const r of page.rows) {
				chunk += row(r, first);
				first = false;
			}
			after = page.next;
			if (page.next === undefined) {
				state = 'done';
				chunk += tail;
			}
			if (chunk) controller.enqueue(encoder.encode(chunk));
			if (state === 'done') controller.close();
		}
	});
}

export const exportBatch = 500;

/** The whole dataset in one format, streamed page by page. */
export function datasetStream(dataset: AnyDataset, format: DatasetFormat, db: () => Db, origin: string, batch = exportBatch, firstPage?: DatasetPage<unknown, unknown>) {
	const read = (after: unknown) => dataset.page(db(), after, batch, origin);
	const record = (r: unknown) => (dataset.record ? dataset.record(r) : r);
	if (format === 'csv') {
		const header = dataset.columns.map((c) => csvCell(c.name)).join(',') + '\r\n';
		return pagedStream(read, header, (r) => csvLine(dataset.columns, r), '', firstPage);
	}
	if (format === 'json') return pagedStream(read, '[', (r, first) => (first ? '\n' : ',\n') + JSON.stringify(record(r)), '\n]\n', firstPage);
	if (!dataset.geometry) throw new Error(`${dataset.id} has no geometry`);
	const geometry = dataset.geometry;
	return pagedStream(
		read,
		'{"type":"FeatureCollection","features":[',
		(r, first) => (first ? '\n' : ',\n') + JSON.stringify({ type: 'Feature', geometry: geometry(r), properties: record(r) }),
		'\n]}\n',
		firstPage
	);
}

/**
 * The download's response. Its first page is read before the status is sent, so a database that
 * cannot be reached is a 503, not a 200 cut off after the header; later pages are read as the
 * client reads on.
 */
export async function datasetResponse(dataset: AnyDataset, format: DatasetFormat, db: () => Db, origin: string) {
	const type = format === 'csv' ? 'text/csv; charset=utf-8; header=present' : `${formatMediaTypes[format]}; charset=utf-8`;
	const firstPage = await dataset.page(db(), undefined, exportBatch, origin);
	return new Response(datasetStream(dataset, format, db, origin, exportBatch, firstPage), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${dataset.id}.${format}"`,
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=300'
		}
	});
}

/** Keyset helper: a page of `limit` from `limit + 1` rows read, with the cursor of its last row. */
export function keysetPage<R, T, C>(rows: R[], limit: number, present: (row: R) => T, cursorOf: (row: R) => C): DatasetPage<T, C> {
	const page = rows.slice(0, limit);
	return { rows: page.map(present), next: rows.length > limit ? cursorOf(page[page.length - 1]) : undefined };
}

/**
 * A column that names who or what a person is, or how to reach them. Each domain lists its
 * personal columns; a test checks that none of their values (nor any e-mail address) is part of
 * any dataset.
 */
/** `column` may be an expression on the table's row, e.g. `contact->>'email'`. */
export type PersonalField = { table: string; column: string };
export type DatasetColumn<T> = CsvColumn<T> & { description: string };
