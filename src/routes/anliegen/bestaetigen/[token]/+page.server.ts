import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { confirmReport, isPendingConfirmation } from '#lib/features/reports/server/service.ts';

// The link only opens this page; the POST confirms (mail scanners that follow links do not).
export const load = async ({ params }) => ({ valid: /^[A-Za-z0-9_-]{20,100}$/.test(params.token) && (await isPendingConfirmation(db(), params.token)) });

export const actions = {
	default: async ({ params, url }) => {
		const confirmed = /^[A-Za-z0-9_-]{20,100}$/.test(params.token) ? await confirmReport(db(), params.token, mailContext(url)) : undefined;
		if (!confirmed) return fail(400, { invalid: true });
		await dispatchMails(confirmed.mailIds);
		redirect(303, `/anliegen/${confirmed.id}?neu`);
	}
};
