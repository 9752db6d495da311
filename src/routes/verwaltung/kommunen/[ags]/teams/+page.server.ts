import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { pick } from '#lib/i18n/localized.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionPolicy } from '#lib/features/region/server/policy.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listActiveCategories } from '#lib/features/reports/server/categories.ts';
import { addTeam, listTeamsOf, removeTeam, ReportError } from '#lib/features/reports/server/service.ts';

async function editable(locals: App.Locals, url: URL, ags: string) {
	const actor = requireStaff(locals, url);
	const m = /^\d{8}$/.test(ags) ? await regionQueries.findMunicipality(db(), { ags }) : undefined;
	if (!m) error(404, 'Diese Kommune gibt es nicht.');
	if (!regionPolicy.editMunicipality(actor, ags)) error(403, 'Die Teams pflegt die Kommune selbst.');
	return { actor, m };
}

export const load = async ({ locals, url, params }) => {
	const { m } = await editable(locals, url, params.ags);
	const [teams, categories] = await Promise.all([listTeamsOf(db(), m.id), listActiveCategories(db())]);
	const names = new Map(categories.map((c) => [c.category.code, pick(c.category.name, 'de').text]));
	return {
		municipality: { ags: m.ags, name: m.name, mailbox: m.reportsMailbox },
		teams: teams.map((t) => ({ id: t.id, name: t.name, email: t.email, categories: t.categoryCodes.map((c) => names.get(c) ?? c) })),
		categories: categories.map((c) => ({ code: c.category.code, name: pick(c.category.name, 'de').text }))
	};
};

export const actions = {
	add: async ({ locals, url, params, request }) => {
		const { actor } = await editable(locals, url, params.ags);
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '').trim() };
		const categoryCodes = form.getAll('categories').map(String).slice(0, 50);
		try {
			await addTeam(db(), actor, params.ags, { name: values.name, email: values.email || null, categoryCodes });
			return { action: 'add', saved: true };
		} catch (e) {
			if (e instanceof ReportError) return fail(400, { action: 'add', values, errors: { [e.field]: e.key } });
			throw e;
		}
	},
	remove: async ({ locals, url, params, request }) => {
		const { actor } = await editable(locals, url, params.ags);
		const id = Number((await request.formData()).get('id'));
		try {
			await removeTeam(db(), actor, params.ags, id);
			return { action: 'remove', saved: true };
		} catch (e) {
			if (e instanceof NotFoundError) error(404, 'Dieses Team gibt es nicht.');
			if (e instanceof ForbiddenError) error(403, 'Die Teams pflegt die Kommune selbst.');
			throw e;
		}
	}
};
