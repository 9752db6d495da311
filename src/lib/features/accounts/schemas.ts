import { z } from 'zod';
import { roleNames } from '#lib/server/actor.ts';

/** Input schemas shared by the account forms; messages are catalogue keys. */
const email = z.string().trim().toLowerCase().pipe(z.email('account.err.email').max(254, 'account.err.email'));
const password = z.string().min(10, 'account.err.password').max(200, 'account.err.password');
const displayName = z.string().trim().min(2, 'account.err.displayName').max(80, 'account.err.displayName');
const locale = z.enum(['de', 'en']).catch('de');

export const registerSchema = z.object({
	email,
	displayName,
	password,
	consent: z.literal('on', 'account.err.consent')
});

export const loginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(200) });

export const forgotSchema = z.object({ email });

export const newPasswordSchema = z
	.object({ password, repeat: z.string() })
	.refine((v) => v.password === v.repeat, { message: 'account.err.passwordRepeat', path: ['repeat'] });

export const changePasswordSchema = z
	.object({ current: z.string().max(200), password, repeat: z.string() })
	.refine((v) => v.password === v.repeat, { message: 'account.err.passwordRepeat', path: ['repeat'] });

export const changeEmailSchema = z.object({ email, password: z.string().max(200) });

export const profileSchema = z.object({ displayName, locale });

export const deleteAccountSchema = z.object({ password: z.string().max(254) });

export const acceptInvitationSchema = z
	.object({ displayName, password, repeat: z.string() })
	.refine((v) => v.password === v.repeat, { message: 'account.err.passwordRepeat', path: ['repeat'] });

/** Back office invitation: the address and one "role@scope" choice (e.g. "editor@14729060", "coordinator@region"). */
export const inviteSchema = z.object({
	email,
	grant: z
		.string()
		.regex(/^[a-z_]+@(region|\d{8})$/, 'admin.err.role')
		.transform((v) => {
			const [role, scope] = v.split('@');
			return { role, municipality: scope === 'region' ? null : scope };
		})
		.refine((g) => (roleNames as string[]).includes(g.role), 'admin.err.role')
});
