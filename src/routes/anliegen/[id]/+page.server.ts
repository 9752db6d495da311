import { error, fail } from '@sveltejs/kit';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { presentPhotos, presentPublicReport, presentTimeline } from '#lib/features/reports/server/presenter.ts';
import { getPublicReport, hasSupported, ReportError, supportReport } from '#lib/features/reports/server/service.ts';

function reportId(param: string) {
	const id = /^\d{1,10}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id)) error(404, 'Nicht gefunden');
	return id;
}

export const load = async ({ params, locals, url }) => {
	const id = reportId(params.id);
	try {
		const { row, events, photos } = await getPublicReport(db(), id);
		return {
			report: presentPublicReport(row, locals.locale),
			timeline: presentTimeline(events),
			photos: presentPhotos(id, photos),
			justCreated: url.searchParams.has('neu'),
			supportConfirmed: url.searchParams.has('unterstuetzt'),
			supported: await hasSupported(db(), locals.actor, id),
			signedIn: locals.actor.kind === 'user',
			map: mapConfig(await regionQueries.boundaryAttributions(db()))
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};

export const actions = {
	support: async ({ params, locals, request, url, getClientAddress }) => {
		const id = reportId(params.id);
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? '').slice(0, 254), notify: form.get('notify') === 'on' ? 'on' : '' };
		const limit = await consumeRateLimit(db(), `support:client:${getClientAddress()}`, 30, 3600);
		if (!limit.allowed) return fail(429, { values, errors: { email: 'report.err.tooMany' as const } });
		try {
			const result = await supportReport(db(), locals.actor, id, { email: values.email, notify: values.notify === 'on', locale: locals.locale }, mailContext(url));
			await dispatchMails(result.mailIds);
			return { support: result.kind };
		} catch (e) {
			if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
			if (e instanceof ReportError) return fail(400, { values, errors: { [e.field === 'support' ? 'email' : e.field]: e.key } });
			throw e;
		}
	}
};
