import { fail, redirect } from '@sveltejs/kit';
import { config } from '#lib/server/config.ts';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { loginSchema } from '#lib/features/accounts/schemas.ts';
import { authenticate } from '#lib/features/accounts/server/service.ts';
import { nextPath, refundLoginAttempt, signIn, withinLimits } from '#lib/features/accounts/server/web.ts';

export const load = async ({ locals, url }) => {
	if (locals.actor.kind === 'user') redirect(303, nextPath(url));
	const cfg = config();
	return { next: nextPath(url, ''), oidc: cfg.OIDC_ISSUER ? { name: cfg.OIDC_NAME } : null, oidcError: url.searchParams.get('sso') };
};

export const actions = {
	default: async (event) => {
		const form = parseForm(loginSchema, await event.request.formData(), ['email', 'password']);
		const values = { email: form.values.email };
		if (!form.ok) return fail(400, { values, errors: { email: 'login.failed' as const } });
		if (!(await withinLimits('login', event.getClientAddress(), form.data.email))) return fail(429, { values, errors: { email: 'account.err.rate' as const } });
		const account = await authenticate(db(), form.data.email, form.data.password);
		if (!account) return fail(400, { values, errors: { email: 'login.failed' as const } });
		await refundLoginAttempt(form.data.email);
		await signIn(event, account.id);
		redirect(303, nextPath(event.url));
	}
};
