import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { parseForm } from '#lib/server/forms.ts';
import { pick } from '#lib/i18n/localized.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { addAttribute, CategoryError, findCategoryForEditing, removeAttribute, updateCategory } from '#lib/features/reports/server/categories.ts';
import type { MessageKey } from '#lib/i18n/index.ts';
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
	save: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const form = parseForm(categoryFormSchema, await request.formData(), categoryFormFields);
		if (!form.ok) return fail(400, { action: 'save', values: form.values, errors: form.errors });
		try {
			await updateCategory(db(), actor, params.code, form.data);
		} catch (e) {
			refuse(e);
		}
		return { action: 'save', saved: true };
	},
	addQuestion: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		const data = await request.formData();
		const values = {
			questionDe: String(data.get('questionDe') ?? '').slice(0, 300),
			questionEn: String(data.get('questionEn') ?? '').slice(0, 300),
			datatype: String(data.get('datatype') ?? 'string'),
			required: data.get('required') === 'on' ? 'on' : '',
			values: String(data.get('values') ?? '').slice(0, 3000)
		};
		try {
			await addAttribute(db(), actor, params.code, { ...values, required: values.required === 'on' });
		} catch (e) {
			if (e instanceof CategoryError) return fail(400, { action: 'addQuestion', values, errors: { [e.field]: e.message as MessageKey } });
			refuse(e);
		}
		return { action: 'addQuestion', saved: true };
	},
	removeQuestion: async ({ locals, url, params, request }) => {
		const actor = requireStaff(locals, url);
		try {
			await removeAttribute(db(), actor, params.code, String((await request.formData()).get('question') ?? ''));
		} catch (e) {
			refuse(e);
		}
		return { action: 'removeQuestion', saved: true };
	}
};
