import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { open311Error, open311Response } from '#lib/features/reports/open311.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { presentServiceRequest } from '#lib/features/reports/server/presenter.ts';
import { listServiceRequests } from '#lib/features/reports/server/service.ts';

/** Open311 GET Service Request: a list with the one request; 404 for unknown or non-public ones. */
export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const id = /^\d{1,10}$/.test(params.id) ? Number(params.id) : undefined;
	const rows = id === undefined ? [] : await listServiceRequests(db(), { ids: [id], limit: 1 }, url.searchParams.get('extensions') === 'true');
	if (!rows.length) return open311Error(req.format, 404, `service_request_id „${params.id.slice(0, 20)}“ gibt es nicht.`);
	const origin = config().ORIGIN ?? url.origin;
	return open311Response(req.format, 'service_requests', rows.map((r) => presentServiceRequest(r.row, origin, { photoId: r.photoId, history: r.history })));
};
