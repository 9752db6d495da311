import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { newPasswordSchema } from '#lib/features/accounts/schemas.ts';
import { isLiveResetToken, resetPassword } from '#lib/features/accounts/server/service.ts';
import { signIn } from '#lib/features/accounts/server/web.ts';

export const load = async ({ params }) => ({ valid: await isLiveResetToken(db(), params.token) });

export const actions = {
	default: async (event) => {
		const form = parseForm(newPasswordSchema, await event.request.formData(), ['password', 'repeat']);
		if (!form.ok) return fail(400, { values: {}, errors: form.errors });
		const accountId = await resetPassword(db(), event.params.token, form.data.password);
		if (!accountId) return fail(400, { values: {}, errors: { password: 'reset.invalid' as const } });
		await signIn(event, accountId);
		redirect(303, '/konto?passwort=neu');
	}
};
