import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { reportsPolicy } from '#lib/features/reports/server/policy.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { ApiKeyError, issueApiKey, listApiKeys, revokeApiKey } from '#lib/features/apikeys/server/service.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	try {
		const keys = await listApiKeys(db(), actor);
		const municipalities = await regionQueries.listMunicipalities(db());
		const scopes = reportsPolicy.apiKeyScopes(actor);
		return {
			keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null })),
			scopes: [
				...(scopes === 'all' ? [{ value: '', label: 'ganze Region' }] : []),
				...municipalities.filter((m) => scopes === 'all' || scopes.includes(m.ags)).map((m) => ({ value: m.ags, label: m.name }))
			],
			names: Object.fromEntries(municipalities.map((m) => [m.ags, m.name]))
		};
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, 'API-Schlüssel verwalten die Administration der Plattform und die Administration einer Kommune.');
		throw e;
	}
};

export const actions = {
	issue: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), scope: String(form.get('scope') ?? '') };
		try {
			const { key } = await issueApiKey(db(), actor, { name: values.name, municipalityAgs: values.scope || null });
			return { action: 'issue', key, name: values.name.trim() };
		} catch (e) {
			if (e instanceof ApiKeyError) return fail(400, { action: 'issue', values, message: e.message });
			if (e instanceof ForbiddenError) return fail(403, { action: 'issue', values, message: 'Für diesen Bereich dürfen Sie keine Schlüssel ausgeben.' });
			throw e;
		}
	},
	revoke: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const id = Number((await request.formData()).get('id'));
		try {
			if (!Number.isSafeInteger(id)) throw new NotFoundError();
			await revokeApiKey(db(), actor, id);
			return { action: 'revoke', revoked: true };
		} catch (e) {
			if (e instanceof NotFoundError) error(404, 'Diesen Schlüssel gibt es nicht.');
			if (e instanceof ForbiddenError) error(403, 'Diesen Schlüssel verwaltet eine andere Stelle.');
			throw e;
		}
	}
};
