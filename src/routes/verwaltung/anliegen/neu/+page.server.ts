import { error, fail, redirect } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { ForbiddenError } from '#lib/server/actor.ts';
import { pick } from '#lib/i18n/localized.ts';
import type { MessageKey } from '#lib/i18n/index.ts';
import { mailContext, requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { findCategoryDefinition, listActiveCategories } from '#lib/features/reports/server/categories.ts';
import { presentServiceDefinition } from '#lib/features/reports/server/presenter.ts';
import { reportsPolicy } from '#lib/features/reports/server/policy.ts';
import { createReport, ReportError } from '#lib/features/reports/server/service.ts';
import { reportInputSchema } from '#lib/features/reports/schemas.ts';
import { readReportForm } from '#lib/features/reports/form.ts';

/** Reports taken by phone or at the counter, entered by staff for one of their municipalities. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const own = reportsPolicy.inboxMunicipalities(actor);
	if (!own.length) error(403, 'Anliegen erfassen nur Mitarbeitende einer Kommune.');
	const [categories, municipalities, districts] = await Promise.all([listActiveCategories(db()), regionQueries.listMunicipalities(db()), regionQueries.listDistricts(db())]);
	const code = url.searchParams.get('kategorie');
	const definition = code ? await findCategoryDefinition(db(), code) : undefined;
	if (code && !definition) error(404, 'Diese Kategorie gibt es nicht.');
	return {
		categories: categories.map(({ category }) => ({ code: category.code, name: pick(category.name, 'de').text })),
		chosen: definition ? { code: definition.category.code, name: pick(definition.category.name, 'de').text, ...presentServiceDefinition(definition.category, definition.attributes, 'de') } : null,
		municipalities: municipalities
			.filter((m) => own.includes(m.ags))
			.map((m) => ({ ags: m.ags, name: m.name, districts: districts.filter((d) => d.municipalityId === m.id).map((d) => ({ id: d.id, name: d.name })) }))
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { raw, values } = readReportForm(await request.formData());
		const parsed = reportInputSchema.safeParse(raw);
		if (!parsed.success) {
			const errors: Record<string, MessageKey> = {};
			for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message as MessageKey;
			return fail(400, { values, errors });
		}
		let result;
		try {
			// a point near a border is decided by the staff member's choice of municipality
			result = await createReport(db(), storage(), actor, parsed.data, { onBehalf: true, duplicatesSeen: true, coveringOnBorder: true, locale: 'de' }, mailContext(url));
		} catch (e) {
			if (e instanceof ForbiddenError) return fail(403, { values, errors: { municipality: 'report.err.municipality' as const } });
			if (e instanceof ReportError) return fail(400, { values, errors: { [e.field]: e.key } });
			throw e;
		}
		if (result.kind !== 'created') return fail(400, { values, errors: { municipality: 'report.err.municipality' as const } });
		await dispatchMails(result.mailIds);
		redirect(303, `/verwaltung/anliegen/${result.id}`);
	}
};
