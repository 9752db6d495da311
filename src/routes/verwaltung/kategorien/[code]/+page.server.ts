import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { parseForm } from '#lib/server/forms.ts';
import { pick } from '#lib/i18n/localized.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { findCategoryForEditing, updateCategory } from '#lib/features/reports/server/categories.ts';
import { categoryFormFields, categoryFormSchema } from '#lib/features/reports/schemas.ts';

function refuse(e: unknown): never {
	if (e instanceof NotFoundError) error(404, 'Diese Kategorie gibt es nicht.');
	if (e instanceof ForbiddenError) error(403, 'Die Kategorien pflegen die Koordinierungsstelle und die Administration der Plattform.');
	throw e;
}

export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	try {
		const { category: c, attributes } = await findCategoryForEditing(db(), actor, params.code);
		return {
			code: c.code,
			created: url.searchParams.has('neu'),
			stored: {
				nameDe: c.name.de,
				nameEn: c.name.en ?? '',
				descriptionDe: c.description?.de ?? '',
				descriptionEn: c.description?.en ?? '',
				group: c.group ?? '',
				keywords: c.keywords ?? '',
				isPublic: c.isPublic,
				active: c.active
			},
			attributes: attributes.map((a) => ({ code: a.code, question: pick(a.description, 'de').text, datatype: a.datatype, required: a.required, values: a.values.map((v) => pick(v.name, 'de').text) }))
		};
	} catch (e) {
		refuse(e);
	}
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const form = parseForm(categoryFormSchema, await request.formData(), categoryFormFields);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		try {
			await updateCategory(db(), actor, params.code, form.data);
		} catch (e) {
			refuse(e);
		}
		return { saved: true };
	}
};
