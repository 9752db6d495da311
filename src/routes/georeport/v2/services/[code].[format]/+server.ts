import { db } from '#lib/server/runtime.ts';
import { open311Error, open311Response } from '#lib/features/reports/open311.ts';
import { findCategoryDefinition } from '#lib/features/reports/server/categories.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { presentServiceDefinition } from '#lib/features/reports/server/presenter.ts';

/** Open311 GET Service Definition: a category's extra questions. */
export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const found = /^[a-z0-9_-]{1,40}$/.test(params.code) ? await findCategoryDefinition(db(), params.code) : undefined;
	if (!found) return open311Error(req.format, 404, `service_code „${params.code.slice(0, 40)}“ gibt es nicht.`);
	return open311Response(req.format, 'service_definition', presentServiceDefinition(found.category, found.attributes));
};
