import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { confirmSupport } from '#lib/features/reports/server/service.ts';

// The link only opens this page; the POST confirms (mail scanners that follow links do not).
export const actions = {
	default: async ({ params }) => {
		const reportId = /^[A-Za-z0-9_-]{20,100}$/.test(params.token) ? await confirmSupport(db(), params.token) : undefined;
		if (!reportId) return fail(400, { invalid: true });
		redirect(303, `/anliegen/${reportId}?unterstuetzt#unterstuetzen`);
	}
};
