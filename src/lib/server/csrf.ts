/**
 * Cross-site request forgery: a form-like request (the content types a browser form can send,
 * compared case-insensitively) that changes something must come from our own origin. Replaces
 * SvelteKit's built-in check, which cannot exempt one path: Open311 clients post form-encoded
 * requests from anywhere, authorised by their api_key and never by a cookie.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Paths that take cross-origin form posts; requests there run without the session cookie. */
export const crossOriginFormPaths = [/^\/georeport\/v2\/requests\.(json|xml)$/];

export function isCrossOriginFormPath(pathname: string) {
	return crossOriginFormPaths.some((p) => p.test(pathname));
}

export function isForgedRequest(request: Request, url: URL) {
	if (!UNSAFE.includes(request.method)) return false;
	const type = (request.headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	if (isCrossOriginFormPath(url.pathname)) return false;
	return request.headers.get('origin') !== url.origin;
}
