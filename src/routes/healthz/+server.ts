import { currentDatabase } from '#lib/server/runtime.ts';

/** Liveness and readiness: 200 with the database status, 503 when the database cannot be reached. */
export const GET = async () => {
	const started = performance.now();
	try {
		const database = currentDatabase();
		await Promise.race([database.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
		return Response.json(
			{ status: 'ok', database: { status: 'ok', backend: database.backend, ms: Math.round(performance.now() - started) } },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return Response.json({ status: 'error', database: { status: 'unreachable' } }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
