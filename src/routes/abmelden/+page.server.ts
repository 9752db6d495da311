import { signOut } from '#lib/features/accounts/server/web.ts';

export const load = async ({ locals }) => ({ signedIn: locals.actor.kind === 'user' });

export const actions = {
	default: async (event) => {
		await signOut(event);
		return { signedOut: true };
	}
};
