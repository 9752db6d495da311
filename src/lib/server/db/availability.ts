/**
 * Whether an error means the database server cannot be reached right now (stopped, restarting,
 * out of connections, network gone) rather than a fault in a query. Such a request is answered
 * with 503 and retried by the client later; the pool reconnects by itself once the server is back.
 * Drizzle wraps driver errors, so the chain of causes is followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as typeof e, depth++) {
		const code = typeof e.code === 'string' ? e.code : '';
		// network errors of the client, and SQLSTATE classes 08 (connection exception),
		// 57P01–57P03 (server shutting down or starting) and 53300 (too many connections)
		if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN)$/.test(code)) return true;
		if (/^08...$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
		// node-postgres reports a lost or never-made connection by message only
		const message = typeof e.message === 'string' ? e.message : '';
		if (/^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message)) return true;
	}
	return false;
}
