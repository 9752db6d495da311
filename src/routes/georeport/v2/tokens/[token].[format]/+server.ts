import { db } from '#lib/server/runtime.ts';
import { open311Error, open311Response } from '#lib/features/reports/open311.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { findRequestByToken } from '#lib/features/reports/server/service.ts';

/** Open311 GET request_id from a token. */
export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const id = await findRequestByToken(db(), params.token);
	if (id === undefined) return open311Error(req.format, 404, `token „${params.token.slice(0, 40)}“ ist nicht bekannt.`);
	return open311Response(req.format, 'service_requests', [{ service_request_id: String(id), token: params.token }]);
};
