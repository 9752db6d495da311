import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { rememberLocale } from '#lib/server/locale.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema, profileSchema } from '#lib/features/accounts/schemas.ts';
import {
	AccountError,
	accountOverview,
	changePassword,
	deleteOwnAccount,
	endAllSessions,
	requestEmailChange,
	resendVerification,
	updateProfile
} from '#lib/features/accounts/server/service.ts';
import { mailContext, requireUser, signIn, signOut } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

export const load = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const [data, municipalities] = await Promise.all([accountOverview(db(), actor), regionQueries.listMunicipalities(db())]);
	const names = new Map(municipalities.map((m) => [m.ags, m.name]));
	return {
		account: data.account,
		sessionCount: data.sessionCount,
		roles: data.roles.map((r) => ({ role: r.role, place: r.municipality ? (names.get(r.municipality) ?? r.municipality) : null })),
		passwordReset: url.searchParams.has('passwort')
	};
};

/** A domain refusal (wrong password) shown next to its field, with the typed values kept. */
function refused(action: string, error: unknown, values: Record<string, string>) {
	if (error instanceof AccountError) return fail(400, { action, values, errors: { [error.field]: error.key as MessageKey } });
	throw error;
}

export const actions = {
	resend: async ({ locals, url }) => {
		const actor = requireUser(locals, url);
		await dispatchMails(await resendVerification(db(), actor, mailContext(url)));
		return { action: 'resend', done: true };
	},
	profile: async ({ locals, url, request, cookies }) => {
		const actor = requireUser(locals, url);
		const form = parseForm(profileSchema, await request.formData(), ['displayName', 'locale']);
		if (!form.ok) return fail(400, { action: 'profile', values: form.values, errors: form.errors });
		await updateProfile(db(), actor, form.data);
		rememberLocale(cookies, url, form.data.locale);
		return { action: 'profile', done: true };
	},
	email: async ({ locals, url, request }) => {
		const actor = requireUser(locals, url);
		const form = parseForm(changeEmailSchema, await request.formData(), ['email', 'password']);
		const values = { email: form.values.email };
		if (!form.ok) return fail(400, { action: 'email', values, errors: form.errors });
		try {
			await dispatchMails(await requestEmailChange(db(), actor, form.data, mailContext(url)));
		} catch (error) {
			return refused('email', error, values);
		}
		return { action: 'email', done: true };
	},
	password: async (event) => {
		const actor = requireUser(event.locals, event.url);
		const form = parseForm(changePasswordSchema, await event.request.formData(), ['current', 'password', 'repeat']);
		if (!form.ok) return fail(400, { action: 'password', values: {}, errors: form.errors });
		try {
			await changePassword(db(), actor, form.data.current, form.data.password);
		} catch (error) {
			return refused('password', error, {});
		}
		// Every session ended with the change; this browser continues in a new one.
		event.locals.sessionToken = undefined;
		await signIn(event, actor.id);
		return { action: 'password', done: true };
	},
	logoutAll: async (event) => {
		const actor = requireUser(event.locals, event.url);
		await endAllSessions(db(), actor);
		await signOut(event);
		redirect(303, '/abmelden');
	},
	delete: async (event) => {
		const actor = requireUser(event.locals, event.url);
		const form = parseForm(deleteAccountSchema, await event.request.formData(), ['password']);
		if (!form.ok) return fail(400, { action: 'delete', values: {}, errors: { password: 'account.err.passwordWrong' as const } });
		try {
			await deleteOwnAccount(db(), actor, form.data.password);
		} catch (error) {
			return refused('delete', error, {});
		}
		await signOut(event);
		redirect(303, '/konto/geloescht');
	}
};
