import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { accessibilityFeedbackSchema } from '#lib/features/feedback/schemas.ts';
import { submitAccessibilityFeedback } from '#lib/features/feedback/server/service.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ url }) => {
	const region = await regionQueries.findRegion(db());
	return { office: region?.coordinationOffice ?? {}, sent: url.searchParams.has('gesendet') };
};

export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const form = parseForm(accessibilityFeedbackSchema, await request.formData(), ['message', 'page', 'email']);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const limit = await consumeRateLimit(db(), `feedback:${getClientAddress()}`, 5, 3600);
		if (!limit.allowed) return fail(429, { values: form.values, errors: { message: 'accessibility.err.rate' as const } });
		const { mailId } = await submitAccessibilityFeedback(db(), { ...form.data, locale: locals.locale });
		await dispatchMails([mailId]);
		return { sent: true };
	}
};
