/**
 * CSV (RFC 4180, UTF-8, comma, CRLF) streamed page by page: each page is read with a keyset query
 * and written before the next is asked for, so neither the table nor the embedded database's one
 * connection is held for the whole download.
 */
export type CsvColumn<T> = { name: string; value: (row: T) => string | number | boolean | null | undefined };

export function csvCell(value: string | number | boolean | null | undefined) {
	if (value === null || value === undefined) return '';
	const s = String(value);
	// a leading =, +, - or @ would be read as a formula by spreadsheet programs
	const safe = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine<T>(columns: CsvColumn<T>[], row: T) {
	return columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
}

/**
 * Streams rows from `pages` (called with the cursor of the last row, undefined first). The first
 * page is read before the stream is returned, so a failing database is answered with an error
 * status (503) instead of a 200 whose body breaks off after the header line.
 */
export async function csvStream<T, C>(columns: CsvColumn<T>[], pages: (after: C | undefined) => Promise<{ rows: T[]; next: C | undefined }>) {
	const encoder = new TextEncoder();
	let page: { rows: T[]; next: C | undefined } | undefined = await pages(undefined);
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(columns.map((c) => csvCell(c.name)).join(',') + '\r\n'));
		},
		async pull(controller) {
			if (!page) return controller.close();
			if (page.rows.length) controller.enqueue(encoder.encode(page.rows.map((r) => csvLine(columns, r)).join('')));
			page = page.next === undefined ? undefined : await pages(page.next);
		}
	});
}

export function csvResponse(stream: ReadableStream<Uint8Array>, fileName: string) {
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': `attachment; filename="${fileName}"`,
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=60'
		}
	});
}
