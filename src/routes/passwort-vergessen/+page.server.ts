import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { forgotSchema } from '#lib/features/accounts/schemas.ts';
import { requestPasswordReset } from '#lib/features/accounts/server/service.ts';
import { mailContext, withinLimits } from '#lib/features/accounts/server/web.ts';

export const actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = parseForm(forgotSchema, await request.formData(), ['email']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		if (!(await withinLimits('reset', getClientAddress(), form.data.email))) return fail(429, { values: form.values, errors: { email: 'account.err.rate' as const } });
		// The same answer whether or not the address has an account.
		await dispatchMails(await requestPasswordReset(db(), form.data.email, mailContext(url)));
		return { sent: true };
	}
};
