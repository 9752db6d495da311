import { db } from '#lib/server/runtime.ts';
import { open311Response } from '#lib/features/reports/open311.ts';
import { listActiveCategories } from '#lib/features/reports/server/categories.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { presentService } from '#lib/features/reports/server/presenter.ts';

/** Open311 GET Service List: the categories of the region. */
export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const rows = await listActiveCategories(db());
	return open311Response(req.format, 'services', rows.map((r) => presentService(r.category, r.attributeCount)));
};
