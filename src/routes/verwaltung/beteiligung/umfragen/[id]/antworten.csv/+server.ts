import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { getSurveyForManaging, surveyCsv } from '#lib/features/participation/server/surveys/service.ts';
import { guard } from '#lib/features/participation/server/web.ts';

/** All responses of a survey as CSV for staff: one row per response, nothing about who gave it. */
export const GET = async ({ params, locals, url }) => {
	const actor = requireStaff(locals, url);
	await guard(() => getSurveyForManaging(db(), actor, Number(params.id)));
	const rows = surveyCsv(db(), actor, Number(params.id));
	const encoder = new TextEncoder();
	const body = new ReadableStream({
		async pull(controller) {
			const next = await rows.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		}
	});
	return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="umfrage-${params.id}.csv"`, 'cache-control': 'private, no-store' } });
};
