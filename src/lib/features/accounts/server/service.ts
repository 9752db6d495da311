import { ForbiddenError, NotFoundError, roles, type Actor, type Grant, type Role, type Scope } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { translator, type Locale, type MessageKey } from '#lib/i18n/index.ts';
import { findMunicipality, findRegion, listMunicipalities } from '../../region/server/queries.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { auditEventsBy } from '../../audit/server/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { accountsPolicy } from './policy.ts';
import * as queries from './queries.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;
const HOUR = 3_600_000;
const TOKEN_HOURS = { verify_email: 48, reset_password: 1, change_email: 48, invitation: 7 * 24 } as const;

/** Where links in mails point; the caller passes the platform's public origin. */
export type MailContext = { origin: string };

export class AccountError extends Error {
	/** A message key of the catalogue, shown next to `field`. */
	key: string;
	field: string;
	constructor(field: string, key: string) {
		super(key);
		this.field = field;
		this.key = key;
	}
}

/** Addresses are stored as typed but lower-cased: one address, one account. */
const normalEmail = (email: string) => email.trim().toLowerCase();

async function mailer(db: Db, locale: Locale) {
	const region = await findRegion(db);
	const t = translator(locale, { region: region?.name ?? 'Partheland' });
	return { t, footer: t('mail.footer') };
}

async function issueToken(db: Db, purpose: queries.TokenPurpose, values: { accountId?: string | null; email: string; payload?: Record<string, string> }) {
	const { token, id } = newToken();
	const now = new Date();
	if (values.accountId && purpose !== 'invitation') await queries.expireTokens(db, values.accountId, purpose, now);
	await queries.insertToken(db, {
		id,
		purpose,
		accountId: values.accountId ?? null,
		email: values.email,
		payload: values.payload ?? {},
		expiresAt: new Date(now.getTime() + TOKEN_HOURS[purpose] * HOUR)
	});
	return token;
}

// ---------------------------------------------------------------- the actor of a request

export function actorOf(row: queries.AccountRow, grants: { role: string; municipalityAgs: string | null }[]): Actor {
	return {
		kind: 'user',
		id: row.id,
		name: row.displayName,
		email: row.email,
		emailVerified: row.emailVerifiedAt !== null,
		grants: grants
			.filter((g) => g.role in roles)
			.map((g): Grant => ({ role: g.role as Role, scope: g.municipalityAgs ? { municipality: g.municipalityAgs } : { region: true } }))
	};
}

export async function loadActor(db: Db, accountId: string) {
	const row = await queries.findAccount(db, accountId);
	if (!row) return undefined;
	return actorOf(row, await queries.grantsOf(db, [row.id]));
}

// ---------------------------------------------------------------- sessions

export async function createSession(db: Db, accountId: string, now = new Date()) {
	const { token, id } = newToken();
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * HOUR);
	await queries.insertSession(db, { id, accountId, expiresAt });
	return { token, expiresAt };
}

/**
 * The signed-in actor for a session cookie, or undefined. The session is extended when half of
 * its lifetime has passed (sliding expiry without a write on every request).
 */
export async function sessionActor(db: Db, token: string, now = new Date()) {
	const found = await queries.findLiveSession(db, hashToken(token), now);
	if (!found) return undefined;
	let expiresAt = found.session.expiresAt;
	const renewed = expiresAt.getTime() - now.getTime() < (SESSION_DAYS / 2) * 24 * HOUR;
	if (renewed) {
		expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * HOUR);
		await queries.touchSession(db, found.session.id, expiresAt);
	}
	const actor = actorOf(found.account, await queries.grantsOf(db, [found.account.id]));
	return { actor, locale: found.account.locale, expiresAt, renewed };
}

export async function endSession(db: Db, token: string) {
	await queries.deleteSession(db, hashToken(token));
}

export async function endAllSessions(db: Db, actor: Actor) {
	if (!actor.id) throw new ForbiddenError();
	await queries.deleteSessionsOf(db, actor.id);
}

export async function purgeExpiredAccountData(db: Db, now = new Date()) {
	return { sessions: await queries.deleteExpiredSessions(db, now), tokens: await queries.deleteStaleTokens(db, now) };
}

// ---------------------------------------------------------------- registration and sign-in

/**
 * Registers an account and sends the verification link. When the address already has an account,
 * its owner gets a hint instead and the caller sees the same result: no enumeration.
 * Returns the outbox ids of the mails to deliver.
 */
export async function registerAccount(
	db: Db,
	input: { email: string; displayName: string; password: string; locale: Locale },
	ctx: MailContext
) {
	const passwordHash = await hashPassword(input.password);
	const email = normalEmail(input.email);
	return transaction(db, async (tx) => {
		const existing = await queries.findAccountByEmail(tx, email);
		if (existing) {
			const { t, footer } = await mailer(tx, existing.locale);
			const mail = composeMail(existing.email, existing.locale, {
				subject: t('mail.exists.subject'),
				paragraphs: [t('mail.greeting', { name: existing.displayName }), t('mail.exists.body')],
				action: { label: t('mail.exists.action'), url: `${ctx.origin}/passwort-vergessen` },
				footer
			});
			return { mailIds: [await enqueueMail(tx, mail)], accountId: undefined };
		}
		const row = await queries.insertAccount(tx, { email, displayName: input.displayName, passwordHash, locale: input.locale });
		const mailId = await sendVerification(tx, row, ctx);
		return { mailIds: [mailId], accountId: row.id };
	});
}

async function sendVerification(db: Db, row: queries.AccountRow, ctx: MailContext) {
	const token = await issueToken(db, 'verify_email', { accountId: row.id, email: row.email });
	const { t, footer } = await mailer(db, row.locale);
	return enqueueMail(
		db,
		composeMail(row.email, row.locale, {
			subject: t('mail.verify.subject'),
			paragraphs: [t('mail.greeting', { name: row.displayName }), t('mail.verify.body')],
			action: { label: t('mail.verify.action'), url: `${ctx.origin}/konto/bestaetigen/${token}` },
			footer
		})
	);
}

export async function resendVerification(db: Db, actor: Actor, ctx: MailContext) {
	if (!actor.id) throw new ForbiddenError();
	const row = await queries.findAccount(db, actor.id);
	if (!row || row.emailVerifiedAt) return [];
	return transaction(db, async (tx) => [await sendVerification(tx, row, ctx)]);
}

/** Confirms the address a verification link was sent to. Returns the account id, or undefined for a dead link. */
export async function verifyEmail(db: Db, token: string) {
	return transaction(db, async (tx) => {
		const used = await queries.consumeToken(tx, hashToken(token), 'verify_email', new Date());
		if (!used?.accountId) return undefined;
		const row = await queries.findAccount(tx, used.accountId);
		// A link for an address the account no longer has confirms nothing.
		if (!row || row.email.toLowerCase() !== used.email.toLowerCase()) return undefined;
		if (!row.emailVerifiedAt) await queries.updateAccount(tx, row.id, { emailVerifiedAt: new Date() });
		return row.id;
	});
}

/** The account for e-mail and password, or undefined (the same for an unknown address and a wrong password). */
export async function authenticate(db: Db, email: string, password: string) {
	const row = await queries.findAccountByEmail(db, email);
	const ok = await verifyPassword(row?.passwordHash, password);
	return ok ? row : undefined;
}

// ---------------------------------------------------------------- password and e-mail

export async function requestPasswordReset(db: Db, email: string, ctx: MailContext) {
	return transaction(db, async (tx) => {
		const row = await queries.findAccountByEmail(tx, email);
		if (!row) return [];
		const token = await issueToken(tx, 'reset_password', { accountId: row.id, email: row.email });
		const { t, footer } = await mailer(tx, row.locale);
		const mail = composeMail(row.email, row.locale, {
			subject: t('mail.reset.subject'),
			paragraphs: [t('mail.greeting', { name: row.displayName }), t('mail.reset.body')],
			action: { label: t('mail.reset.action'), url: `${ctx.origin}/passwort-neu/${token}` },
			footer
		});
		return [await enqueueMail(tx, mail)];
	});
}

export async function isLiveResetToken(db: Db, token: string) {
	return Boolean(await queries.findLiveToken(db, hashToken(token), 'reset_password', new Date()));
}

/**
 * Sets a new password from a reset link. Every session of the account ends; the link proves
 * the owner reads the address, so it counts as verified. Returns the account id or undefined.
 */
export async function resetPassword(db: Db, token: string, password: string) {
	const passwordHash = await hashPassword(password);
	return transaction(db, async (tx) => {
		const used = await queries.consumeToken(tx, hashToken(token), 'reset_password', new Date());
		if (!used?.accountId) return undefined;
		const row = await queries.findAccount(tx, used.accountId);
		if (!row) return undefined;
		await queries.updateAccount(tx, row.id, { passwordHash, emailVerifiedAt: row.emailVerifiedAt ?? new Date() });
		await queries.deleteSessionsOf(tx, row.id);
		return row.id;
	});
}

/** Changes the password after checking the current one; every session ends (the caller opens a new one). */
export async function changePassword(db: Db, actor: Actor, current: string, next: string) {
	if (!actor.id) throw new ForbiddenError();
	const row = await queries.findAccount(db, actor.id);
	if (!row) throw new NotFoundError();
	// An account without a password (OIDC, invitation) may set a first one without a current one.
	if (row.passwordHash && !(await verifyPassword(row.passwordHash, current))) throw new AccountError('current', 'account.err.passwordWrong');
	const passwordHash = await hashPassword(next);
	await transaction(db, async (tx) => {
		await queries.updateAccount(tx, row.id, { passwordHash });
		await queries.deleteSessionsOf(tx, row.id);
	});
}

/**
 * Sends a confirmation link to a new address; the address changes only when it is confirmed.
 * An address that already belongs to an account gets a hint instead (same answer to the caller).
 */
export async function requestEmailChange(db: Db, actor: Actor, input: { email: string; password: string }, ctx: MailContext) {
	if (!actor.id) throw new ForbiddenError();
	input = { ...input, email: normalEmail(input.email) };
	const row = await queries.findAccount(db, actor.id);
	if (!row) throw new NotFoundError();
	if (row.passwordHash && !(await verifyPassword(row.passwordHash, input.password))) throw new AccountError('password', 'account.err.passwordWrong');
	return transaction(db, async (tx) => {
		const taken = await queries.findAccountByEmail(tx, input.email);
		if (taken) {
			if (taken.id === row.id) return [];
			// The owner of the taken address reads this, in their own language.
			const { t, footer } = await mailer(tx, taken.locale);
			const mail = composeMail(input.email, taken.locale, {
				subject: t('mail.changeEmail.subject'),
				paragraphs: [t('mail.changeEmail.taken')],
				footer
			});
			return [await enqueueMail(tx, mail)];
		}
		const token = await issueToken(tx, 'change_email', { accountId: row.id, email: input.email });
		const { t, footer } = await mailer(tx, row.locale);
		const mail = composeMail(input.email, row.locale, {
			subject: t('mail.changeEmail.subject'),
			paragraphs: [t('mail.greeting', { name: row.displayName }), t('mail.changeEmail.body')],
			action: { label: t('mail.changeEmail.action'), url: `${ctx.origin}/konto/email-bestaetigen/${token}` },
			footer
		});
		return [await enqueueMail(tx, mail)];
	});
}

export async function confirmEmailChange(db: Db, token: string) {
	return transaction(db, async (tx) => {
		const used = await queries.consumeToken(tx, hashToken(token), 'change_email', new Date());
		if (!used?.accountId) return undefined;
		if (await queries.findAccountByEmail(tx, used.email)) return undefined;
		await queries.updateAccount(tx, used.accountId, { email: used.email, emailVerifiedAt: new Date() });
		return used.accountId;
	});
}

export async function updateProfile(db: Db, actor: Actor, input: { displayName: string; locale: Locale }) {
	if (!actor.id) throw new ForbiddenError();
	await queries.updateAccount(db, actor.id, input);
}

/** An installation without a platform admin could not be administered: the last one stays. */
async function keepOnePlatformAdmin(db: Db, accountId: string) {
	const grants = await queries.grantsOf(db, [accountId]);
	if (grants.some((g) => g.role === 'platform_admin') && (await queries.countGrantsOfRole(db, 'platform_admin')) <= 1)
		throw new AccountError('password', 'account.err.lastAdmin');
}

/** DSGVO Art. 17: deletes the account, its sessions, grants and links. Audit entries keep the name they recorded. */
export async function deleteOwnAccount(db: Db, actor: Actor, password: string) {
	if (!actor.id) throw new ForbiddenError();
	const row = await queries.findAccount(db, actor.id);
	if (!row) throw new NotFoundError();
	const confirmed = row.passwordHash ? await verifyPassword(row.passwordHash, password) : password.trim().toLowerCase() === row.email.toLowerCase();
	if (!confirmed) throw new AccountError('password', 'account.err.passwordWrong');
	await keepOnePlatformAdmin(db, row.id);
	await queries.deleteAccount(db, row.id);
}

/** What the account page shows: the account, its roles and how many sessions are open. */
export async function accountOverview(db: Db, actor: Actor) {
	if (!actor.id) throw new ForbiddenError();
	const row = await queries.findAccount(db, actor.id);
	if (!row) throw new NotFoundError();
	const [grants, sessions] = await Promise.all([queries.grantsOf(db, [row.id]), queries.listSessionsOf(db, row.id)]);
	return {
		account: { displayName: row.displayName, email: row.email, locale: row.locale, emailVerifiedAt: row.emailVerifiedAt, hasPassword: row.passwordHash !== null },
		roles: grants.map((g) => ({ role: g.role, municipality: g.municipalityAgs })),
		sessionCount: sessions.length
	};
}

/** DSGVO Art. 15 and 20: everything stored about the account, machine-readable. */
export async function exportAccountData(db: Db, actor: Actor) {
	if (!actor.id) throw new ForbiddenError();
	const row = await queries.findAccount(db, actor.id);
	if (!row) throw new NotFoundError();
	const [grants, sessions, audit] = await Promise.all([
		queries.grantsOf(db, [row.id]),
		queries.listSessionsOf(db, row.id),
		auditEventsBy(db, row.id)
	]);
	return {
		exportedAt: new Date().toISOString(),
		account: {
			id: row.id,
			email: row.email,
			displayName: row.displayName,
			locale: row.locale,
			emailVerifiedAt: row.emailVerifiedAt,
			signInWithOidc: row.oidcSubject !== null,
			hasPassword: row.passwordHash !== null,
			createdAt: row.createdAt,
			updatedAt: row.updatedAt
		},
		roles: grants.map((g) => ({ role: g.role, municipality: g.municipalityAgs, grantedBy: g.grantedBy, since: g.createdAt })),
		sessions,
		auditEntries: audit.map((a) => ({ at: a.at, role: a.actorRole, municipality: a.municipalityAgs, action: a.action, entity: `${a.entityType}/${a.entityId}`, changes: a.changes }))
	};
}

// ---------------------------------------------------------------- roles and invitations

function scopeOf(municipality: string | null | undefined): Scope {
	return municipality ? { municipality } : { region: true };
}

async function checkScope(db: Db, role: Role, municipality: string | null | undefined) {
	const definition = roles[role];
	if (!definition) throw new AccountError('role', 'admin.err.role');
	if (definition.scope === 'municipality') {
		if (!municipality || !(await findMunicipality(db, { ags: municipality }))) throw new AccountError('municipality', 'admin.err.municipality');
	} else if (municipality) throw new AccountError('municipality', 'admin.err.regionRole');
}

/** Grants a role to an existing account (invitations end here too). */
export async function grantRole(db: Db, actor: Actor, input: { accountId: string; role: Role; municipality?: string | null }) {
	await checkScope(db, input.role, input.municipality);
	if (!accountsPolicy.manageGrant(actor, input.role, scopeOf(input.municipality))) throw new ForbiddenError();
	return transaction(db, async (tx) => {
		const target = await queries.findAccount(tx, input.accountId);
		if (!target) throw new NotFoundError('Dieses Konto gibt es nicht.');
		const row = await queries.insertGrant(tx, { accountId: target.id, role: input.role, municipalityAgs: input.municipality ?? null, grantedBy: actor.name });
		if (row)
			await recordAudit(tx, actor, {
				action: 'role.grant',
				entityType: 'account',
				entityId: target.id,
				municipality: row.municipalityAgs,
				after: { account: target.email, role: row.role, municipality: row.municipalityAgs }
			});
		return row;
	});
}

export async function revokeRole(db: Db, actor: Actor, grantId: number) {
	const grant = await queries.findGrant(db, grantId);
	if (!grant || !(grant.role in roles)) throw new NotFoundError('Diese Rolle gibt es nicht.');
	if (!accountsPolicy.manageGrant(actor, grant.role as Role, scopeOf(grant.municipalityAgs))) throw new ForbiddenError();
	if (grant.role === 'platform_admin' && (await queries.countGrantsOfRole(db, 'platform_admin')) <= 1) throw new AccountError('grant', 'account.err.lastAdmin');
	await transaction(db, async (tx) => {
		const target = await queries.findAccount(tx, grant.accountId);
		await queries.deleteGrant(tx, grant.id);
		await recordAudit(tx, actor, {
			action: 'role.revoke',
			entityType: 'account',
			entityId: grant.accountId,
			municipality: grant.municipalityAgs,
			before: { account: target?.email, role: grant.role, municipality: grant.municipalityAgs }
		});
	});
}

/** The people with roles in the actor's scope, each with their grants. */
export async function listPeople(db: Db, actor: Actor) {
	if (!accountsPolicy.viewPeople(actor)) throw new ForbiddenError();
	const scope = accountsPolicy.peopleScope(actor);
	const people = await queries.listAccountsWithGrants(db, scope);
	const grants = await queries.grantsOf(db, people.map((p) => p.id));
	return people.map((p) => ({
		...p,
		grants: grants
			.filter((g) => g.accountId === p.id)
			.map((g) => ({ ...g, manageable: g.role in roles && accountsPolicy.manageGrant(actor, g.role as Role, scopeOf(g.municipalityAgs)) }))
	}));
}

export async function listOpenInvitations(db: Db, actor: Actor) {
	if (!accountsPolicy.viewPeople(actor)) throw new ForbiddenError();
	const scope = accountsPolicy.peopleScope(actor);
	const rows = await queries.listOpenInvitations(db, scope.region ? 'all' : scope.municipalities, new Date());
	return rows.map((r) => ({
		// the stored hash identifies the invitation to withdraw it; it cannot be used to accept it
		id: r.id,
		email: r.email,
		role: r.payload.role,
		municipality: r.payload.municipality ?? null,
		invitedBy: r.payload.invitedByName,
		expiresAt: r.expiresAt,
		withdrawable: r.payload.role in roles && accountsPolicy.manageGrant(actor, r.payload.role as Role, scopeOf(r.payload.municipality))
	}));
}

/** Withdraws an open invitation: its link stops working. Who may grant the role may withdraw it. */
export async function withdrawInvitation(db: Db, actor: Actor, id: string) {
	const invitation = await queries.findLiveToken(db, id, 'invitation', new Date());
	if (!invitation || !(invitation.payload.role in roles)) throw new NotFoundError('Diese Einladung gibt es nicht (mehr).');
	const scope = scopeOf(invitation.payload.municipality);
	if (!accountsPolicy.manageGrant(actor, invitation.payload.role as Role, scope)) throw new ForbiddenError();
	await transaction(db, async (tx) => {
		await queries.consumeToken(tx, id, 'invitation', new Date());
		await recordAudit(tx, actor, {
			action: 'invitation.withdraw',
			entityType: 'invitation',
			entityId: invitation.email,
			municipality: invitation.payload.municipality ?? null,
			before: { email: invitation.email, role: invitation.payload.role, municipality: invitation.payload.municipality ?? null }
		});
	});
}

/** Invites a person by e-mail to a role; the grant is made when they accept. */
export async function inviteStaff(db: Db, actor: Actor, input: { email: string; role: Role; municipality?: string | null; locale: Locale }, ctx: MailContext) {
	await checkScope(db, input.role, input.municipality);
	if (!accountsPolicy.manageGrant(actor, input.role, scopeOf(input.municipality))) throw new ForbiddenError();
	input = { ...input, email: normalEmail(input.email) };
	return transaction(db, async (tx) => {
		const existing = await queries.findAccountByEmail(tx, input.email);
		const locale = existing?.locale ?? input.locale;
		const payload: Record<string, string> = { role: input.role, invitedById: actor.id ?? '', invitedByName: actor.name };
		if (input.municipality) payload.municipality = input.municipality;
		const token = await issueToken(tx, 'invitation', { accountId: existing?.id ?? null, email: input.email, payload });
		const { t, footer } = await mailer(tx, locale);
		const place = input.municipality ? (await findMunicipality(tx, { ags: input.municipality }))!.name : t('role.scope.region');
		await recordAudit(tx, actor, {
			action: 'invitation.send',
			entityType: 'invitation',
			entityId: input.email,
			municipality: input.municipality ?? null,
			after: { email: input.email, role: input.role, municipality: input.municipality ?? null }
		});
		const mail = composeMail(input.email, locale, {
			subject: t('mail.invite.subject'),
			paragraphs: [t('mail.invite.body', { inviter: actor.name, role: t(`role.${input.role}` as MessageKey), place })],
			action: { label: t('mail.invite.action'), url: `${ctx.origin}/einladung/${token}` },
			footer
		});
		return [await enqueueMail(tx, mail)];
	});
}

export async function findInvitation(db: Db, token: string) {
	const row = await queries.findLiveToken(db, hashToken(token), 'invitation', new Date());
	if (!row) return undefined;
	const municipality = row.payload.municipality ? await findMunicipality(db, { ags: row.payload.municipality }) : undefined;
	const existing = await queries.findAccountByEmail(db, row.email);
	return {
		email: row.email,
		role: row.payload.role as Role,
		municipality: municipality ? { ags: municipality.ags, name: municipality.name } : null,
		invitedBy: row.payload.invitedByName,
		hasAccount: Boolean(existing)
	};
}

/**
 * Accepts an invitation: a new person sets name and password (the link proves the address), a
 * signed-in person whose address matches simply takes the role. The grant is recorded in the
 * name of the inviting person, who made the decision.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	who:
		| { newAccount: { displayName: string; password: string; locale: Locale } }
		| { actor: Actor }
		| { oidcAccount: { subject: string; email: string; displayName: string; locale: Locale } }
) {
	const passwordHash = 'newAccount' in who ? await hashPassword(who.newAccount.password) : undefined;
	return transaction(db, async (tx) => {
		const invitation = await queries.findLiveToken(tx, hashToken(token), 'invitation', new Date());
		if (!invitation) return undefined;
		let accountId: string;
		if ('actor' in who) {
			if (!who.actor.id || who.actor.email?.toLowerCase() !== invitation.email.toLowerCase()) throw new AccountError('form', 'invite.err.otherAccount');
			accountId = who.actor.id;
			const row = await queries.findAccount(tx, accountId);
			if (row && !row.emailVerifiedAt) await queries.updateAccount(tx, accountId, { emailVerifiedAt: new Date() });
		} else if ('oidcAccount' in who) {
			// Signed in at the identity provider with the invited (verified) address: an account without a password.
			if (who.oidcAccount.email.toLowerCase() !== invitation.email.toLowerCase()) return undefined;
			if (await queries.findAccountByEmail(tx, invitation.email)) return undefined;
			const row = await queries.insertAccount(tx, {
				email: invitation.email,
				displayName: who.oidcAccount.displayName,
				oidcSubject: who.oidcAccount.subject,
				locale: who.oidcAccount.locale,
				emailVerifiedAt: new Date()
			});
			accountId = row.id;
		} else {
			if (await queries.findAccountByEmail(tx, invitation.email)) throw new AccountError('form', 'invite.err.signInFirst');
			const row = await queries.insertAccount(tx, {
				email: invitation.email,
				displayName: who.newAccount.displayName,
				passwordHash,
				locale: who.newAccount.locale,
				emailVerifiedAt: new Date()
			});
			accountId = row.id;
		}
		await queries.consumeToken(tx, invitation.id, 'invitation', new Date());
		const inviter = invitation.payload.invitedById ? await loadActor(tx, invitation.payload.invitedById) : undefined;
		const role = invitation.payload.role as Role;
		const scope = scopeOf(invitation.payload.municipality);
		// The inviter may have lost the right to grant since sending: then the invitation is void.
		if (!inviter || !accountsPolicy.manageGrant(inviter, role, scope)) throw new AccountError('form', 'invite.err.void');
		const row = await queries.insertGrant(tx, { accountId, role, municipalityAgs: invitation.payload.municipality ?? null, grantedBy: inviter.name });
		if (row)
			await recordAudit(tx, inviter, {
				action: 'role.grant',
				entityType: 'account',
				entityId: accountId,
				municipality: row.municipalityAgs,
				after: { account: invitation.email, role, municipality: row.municipalityAgs, via: 'invitation' }
			});
		return accountId;
	});
}

// ---------------------------------------------------------------- operators

/** `npm run admin:create`: the first platform admin of an installation (or an additional one). */
export async function createPlatformAdmin(db: Db, input: { email: string; displayName: string; password: string }) {
	const passwordHash = await hashPassword(input.password);
	return transaction(db, async (tx) => {
		let row = await queries.findAccountByEmail(tx, input.email);
		row ??= await queries.insertAccount(tx, { email: normalEmail(input.email), displayName: input.displayName, passwordHash, emailVerifiedAt: new Date() });
		const grant = await queries.insertGrant(tx, { accountId: row.id, role: 'platform_admin', municipalityAgs: null, grantedBy: 'admin:create' });
		return { accountId: row.id, created: Boolean(grant) };
	});
}

export const removeDemoAccounts = queries.deleteDemoAccounts;

/** The (role, scope) pairs the actor may hand out, for the invitation form. */
export async function grantableRoles(db: Db, actor: Actor) {
	const municipalities = await listMunicipalities(db);
	const options: { role: Role; municipality: string | null; place: string }[] = [];
	for (const role of Object.keys(roles) as Role[]) {
		if (roles[role].scope === 'region') {
			if (accountsPolicy.manageGrant(actor, role, { region: true })) options.push({ role, municipality: null, place: 'Ganze Region' });
		} else
			for (const m of municipalities)
				if (accountsPolicy.manageGrant(actor, role, { municipality: m.ags })) options.push({ role, municipality: m.ags, place: m.name });
	}
	return options;
}
