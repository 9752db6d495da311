import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { contactFields, municipalityDetailsSchema } from '#lib/features/region/schemas.ts';
import { regionPolicy } from '#lib/features/region/server/policy.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { updateMunicipalityDetails } from '#lib/features/region/server/service.ts';

const groups = ['contact', 'impressumContact', 'privacyContact'] as const;
const fields = [...groups.flatMap((g) => contactFields.map((f) => `${g}.${f}`)), 'reportsMailbox', 'reportsDigest', 'inhabitants', 'inhabitantsDate'];

async function editable(locals: App.Locals, url: URL, ags: string) {
	const actor = requireStaff(locals, url);
	const m = /^\d{8}$/.test(ags) ? await regionQueries.findMunicipality(db(), { ags }) : undefined;
	if (!m) error(404, 'Diese Kommune gibt es nicht.');
	if (!regionPolicy.editMunicipality(actor, ags)) error(403, 'Die Daten dieser Kommune pflegt die Kommune selbst.');
	return { actor, m };
}

export const load = async ({ locals, url, params }) => {
	const { m } = await editable(locals, url, params.ags);
	return {
		municipality: { ags: m.ags, name: m.name, slug: m.slug, contact: m.contact, impressumContact: m.impressumContact, privacyContact: m.privacyContact, reportsMailbox: m.reportsMailbox, reportsDigest: m.reportsDigest, inhabitants: m.inhabitants, inhabitantsDate: m.inhabitantsDate },
		saved: url.searchParams.has('gespeichert')
	};
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const { actor } = await editable(locals, url, params.ags);
		const form = parseForm(municipalityDetailsSchema, await request.formData(), fields);
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		await updateMunicipalityDetails(db(), actor, params.ags, form.data);
		return { saved: true };
	}
};
