import { db } from '#lib/server/runtime.ts';
import { exportAccountData } from '#lib/features/accounts/server/service.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { contributionsOf } from '#lib/features/participation/server/queries.ts';

/** DSGVO Art. 15/20: the signed-in person's data as a JSON download. */
export const GET = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const data = { ...(await exportAccountData(db(), actor)), participation: await contributionsOf(db(), actor.id) };
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="partheland-konto-${new Date().toISOString().slice(0, 10)}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
