import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError } from '#lib/server/actor.ts';
import { parseForm } from '#lib/server/forms.ts';
import { pick } from '#lib/i18n/localized.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { CategoryError, createCategory, listAllCategories } from '#lib/features/reports/server/categories.ts';
import { categoryFormFields, categoryFormSchema } from '#lib/features/reports/schemas.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	try {
		const rows = await listAllCategories(db(), actor);
		return { categories: rows.map((c) => ({ code: c.code, name: pick(c.name, 'de').text, group: c.group, isPublic: c.isPublic, active: c.active })) };
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, 'Die Kategorien pflegen die Koordinierungsstelle und die Administration der Plattform.');
		throw e;
	}
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const form = parseForm(categoryFormSchema, await request.formData(), categoryFormFields);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		let code;
		try {
			code = await createCategory(db(), actor, form.data);
		} catch (e) {
			if (e instanceof CategoryError) return fail(400, { values: form.values, errors: { [e.field]: e.message as MessageKey } });
			if (e instanceof ForbiddenError) error(403, 'Die Kategorien pflegen die Koordinierungsstelle und die Administration der Plattform.');
			throw e;
		}
		redirect(303, `/verwaltung/kategorien/${code}?neu`);
	}
};
