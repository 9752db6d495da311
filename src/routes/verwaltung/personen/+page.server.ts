import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { ForbiddenError, NotFoundError, type Role } from '#lib/server/actor.ts';
import { parseForm } from '#lib/server/forms.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { inviteSchema } from '#lib/features/accounts/schemas.ts';
import { AccountError, grantableRoles, inviteStaff, listOpenInvitations, listPeople, revokeRole, withdrawInvitation } from '#lib/features/accounts/server/service.ts';
import { mailContext, requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	try {
		const [people, invitations, grantable, municipalities] = await Promise.all([
			listPeople(db(), actor),
			listOpenInvitations(db(), actor),
			grantableRoles(db(), actor),
			regionQueries.listMunicipalities(db())
		]);
		const names = Object.fromEntries(municipalities.map((m) => [m.ags, m.name]));
		return { people, invitations, grantable, names };
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, e.message);
		throw e;
	}
};

export const actions = {
	invite: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const form = parseForm(inviteSchema, await request.formData(), ['email', 'grant']);
		if (!form.ok) return fail(400, { action: 'invite', values: form.values, errors: form.errors });
		try {
			const { role, municipality } = form.data.grant;
			await dispatchMails(await inviteStaff(db(), actor, { email: form.data.email, role: role as Role, municipality, locale: locals.locale }, mailContext(url)));
		} catch (e) {
			if (e instanceof ForbiddenError) return fail(403, { action: 'invite', values: form.values, errors: { grant: 'admin.err.forbidden' as const } });
			if (e instanceof AccountError) return fail(400, { action: 'invite', values: form.values, errors: { grant: e.key as MessageKey } });
			throw e;
		}
		return { action: 'invite', invited: form.data.email };
	},
	withdraw: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const id = String((await request.formData()).get('invitation') ?? '');
		if (!/^[0-9a-f]{64}$/.test(id)) error(404, 'Diese Einladung gibt es nicht (mehr).');
		try {
			await withdrawInvitation(db(), actor, id);
		} catch (e) {
			if (e instanceof ForbiddenError) error(403, e.message);
			if (e instanceof NotFoundError) error(404, e.message);
			throw e;
		}
		return { action: 'withdraw', withdrawn: true };
	},
	revoke: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const id = Number((await request.formData()).get('grant'));
		if (!Number.isInteger(id) || id <= 0) error(404, 'Diese Rolle gibt es nicht.');
		try {
			await revokeRole(db(), actor, id);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { action: 'revoke', values: {}, errors: { grant: e.key as MessageKey } });
			if (e instanceof ForbiddenError) error(403, e.message);
			if (e instanceof NotFoundError) error(404, e.message);
			throw e;
		}
		return { action: 'revoke', revoked: true };
	}
};
