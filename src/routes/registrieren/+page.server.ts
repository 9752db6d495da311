import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { registerSchema } from '#lib/features/accounts/schemas.ts';
import { registerAccount } from '#lib/features/accounts/server/service.ts';
import { mailContext, withinLimits } from '#lib/features/accounts/server/web.ts';

export const load = async ({ locals }) => {
	if (locals.actor.kind === 'user') redirect(303, '/konto');
};

export const actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const form = parseForm(registerSchema, await request.formData(), ['email', 'displayName', 'password', 'consent']);
		const values = { email: form.values.email, displayName: form.values.displayName, consent: form.values.consent };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		if (!(await withinLimits('register', getClientAddress(), form.data.email))) return fail(429, { values, errors: { email: 'account.err.rate' as const } });
		const { mailIds } = await registerAccount(db(), { ...form.data, locale: locals.locale }, mailContext(url));
		await dispatchMails(mailIds);
		return { registered: true };
	}
};
