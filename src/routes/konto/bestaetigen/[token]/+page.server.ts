import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { verifyEmail } from '#lib/features/accounts/server/service.ts';

export const load = async ({ locals }) => ({ signedIn: locals.actor.kind === 'user' });

export const actions = {
	default: async ({ params }) => ((await verifyEmail(db(), params.token)) ? { result: 'done' as const } : fail(400, { result: 'invalid' as const }))
};
