import { createHash } from 'node:crypto';

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

const unavailableStyle =
	'body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}h1{font-size:1.5rem}';

/**
 * The page shown when the platform cannot answer (its database is unreachable). It stands alone –
 * no layout, no script, nothing that needs the database – under a CSP that allows only its own style.
 */
export function serviceUnavailablePage(message: string, headers: Record<string, string> = {}) {
	const style = `'sha256-${createHash('sha256').update(unavailableStyle).digest('base64')}'`;
	const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vorübergehend nicht verfügbar</title><style>${unavailableStyle}</style></head>
<body><main><h1>Vorübergehend nicht verfügbar</h1><p>${escapeHtml(message)}</p></main></body></html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': `default-src 'none'; style-src ${style}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
			...headers
		}
	});
}

function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
