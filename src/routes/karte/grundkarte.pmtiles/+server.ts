import fs from 'node:fs';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { basemapFile, parseRange } from '#lib/server/basemap.ts';

/** The basemap archive, read by the map in pieces (HTTP range requests). */
function serve(request: Request, withBody: boolean) {
	const file = basemapFile();
	if (!file) error(404, 'Keine Grundkarte eingerichtet.');
	const stat = fs.statSync(file);
	const etag = `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
	const headers = new Headers({
		'content-type': 'application/vnd.pmtiles',
		'accept-ranges': 'bytes',
		etag,
		'cache-control': 'public, max-age=86400'
	});
	const range = parseRange(request.headers.get('range'), stat.size);
	if (range === 'invalid') {
		headers.set('content-range', `bytes */${stat.size}`);
		return new Response(null, { status: 416, headers });
	}
	const { start, end } = range ?? { start: 0, end: stat.size - 1 };
	headers.set('content-length', String(end - start + 1));
	if (range) headers.set('content-range', `bytes ${start}-${end}/${stat.size}`);
	const body = withBody ? (Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream) : null;
	return new Response(body, { status: range ? 206 : 200, headers });
}

export const GET = ({ request }) => serve(request, true);
export const HEAD = ({ request }) => serve(request, false);
