import { typeOf } from './presenter.ts';
import type { FileRow } from './queries.ts';

/** Every OParl answer: UTF-8 JSON without BOM, readable from any origin, no cookies. */
const common = { 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };

export function oparlJson(body: unknown) {
	return new Response(JSON.stringify(body), { headers: { ...common, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60' } });
}

/** The error object of OParl: type, message (and no debug output). */
export function oparlError(status: number, message: string) {
	return new Response(JSON.stringify({ type: typeOf('Error'), message }), { status, headers: { ...common, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * A document: the access URL shows it (inline), only the download URL asks to save it
 * (Content-Disposition: attachment). Sandboxed, never sniffed.
 */
export function oparlFile(file: FileRow, data: Uint8Array, download: boolean) {
	const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return new Response(new Uint8Array(data), {
		headers: {
			...common,
			'content-type': file.mediaType,
			...(download ? { 'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}` } : {}),
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'public, max-age=300'
		}
	});
}
