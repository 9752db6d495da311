import { privacyNotices } from '#lib/server/privacy.ts';
import { config } from '#lib/server/config.ts';
import { pick } from '#lib/i18n/localized.ts';
import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async ({ locals }) => {
	const region = await regionQueries.findRegion(db());
	return {
		office: region?.coordinationOffice ?? {},
		notices: privacyNotices.map((n) => ({
			id: n.id,
			form: pick(n.form, locals.locale),
			purpose: pick(n.purpose, locals.locale),
			data: pick(n.data, locals.locale),
			retention: withDays(pick(n.retention, locals.locale)),
			legalBasis: n.legalBasis
		}))
	};
};

/** Retention periods that an operator configures are filled in from the configuration. */
function withDays(text: { text: string; lang: string }) {
	return { ...text, text: text.text.replace('{days}', String(config().REPORT_RETENTION_DAYS)) };
}
