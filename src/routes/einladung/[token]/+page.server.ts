import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { oidcEnabled } from '#lib/features/accounts/server/oidc.ts';
import { parseForm } from '#lib/server/forms.ts';
import { acceptInvitationSchema } from '#lib/features/accounts/schemas.ts';
import { AccountError, acceptInvitation, findInvitation } from '#lib/features/accounts/server/service.ts';
import { signIn, withinLimits } from '#lib/features/accounts/server/web.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

export const load = async ({ params, locals }) => {
	const invitation = await findInvitation(db(), params.token);
	return {
		invitation: invitation ?? null,
		signedInAs: locals.actor.kind === 'user' ? locals.actor.email : null,
		oidc: oidcEnabled() ? config().OIDC_NAME : null,
		token: params.token
	};
};

function refused(error: unknown, values: Record<string, string>) {
	if (error instanceof AccountError) return fail(400, { values, errors: { [error.field]: error.key as MessageKey } });
	throw error;
}

export const actions = {
	/** A new person: name and password. */
	create: async (event) => {
		if (!(await withinLimits('invitation', event.getClientAddress()))) return fail(429, { values: {}, errors: { form: 'account.err.rate' as const } });
		const form = parseForm(acceptInvitationSchema, await event.request.formData(), ['displayName', 'password', 'repeat']);
		const values = { displayName: form.values.displayName };
		if (!form.ok) return fail(400, { values, errors: form.errors });
		let accountId: string | undefined;
		try {
			accountId = await acceptInvitation(db(), event.params.token, { newAccount: { ...form.data, locale: event.locals.locale } });
		} catch (error) {
			return refused(error, values);
		}
		if (!accountId) return fail(400, { values, errors: { form: 'invite.invalid' as const } });
		await signIn(event, accountId);
		redirect(303, '/verwaltung?willkommen');
	},
	/** Someone with an account, signed in as the invited address. */
	accept: async ({ params, locals, url }) => {
		if (locals.actor.kind !== 'user') redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		let accountId: string | undefined;
		try {
			accountId = await acceptInvitation(db(), params.token, { actor: locals.actor });
		} catch (error) {
			return refused(error, {});
		}
		if (!accountId) return fail(400, { values: {}, errors: { form: 'invite.invalid' as const } });
		redirect(303, '/verwaltung?willkommen');
	}
};
