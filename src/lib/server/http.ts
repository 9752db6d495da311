/** A redirect target from user input: only a path on this site, never another origin. */
export function safeLocalPath(value: string | null | undefined, fallback = '/') {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	try {
		const url = new URL(value, 'http://local.invalid');
		if (url.origin !== 'http://local.invalid') return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}

/** RFC 9457 problem details for the JSON API. */
export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
	return new Response(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra }), {
		status,
		headers: { 'content-type': 'application/problem+json; charset=utf-8' }
	});
}
