import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { countMailsTo, lastMailTo, tokenIn } from '../../../../../test/outbox.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, type Actor } from '#lib/server/actor.ts';
import { listAuditLog } from '../../audit/server/service.ts';
import { DEMO_PASSWORD } from './seed.ts';
import {
	AccountError,
	acceptInvitation,
	authenticate,
	changePassword,
	confirmEmailChange,
	createPlatformAdmin,
	createSession,
	deleteOwnAccount,
	endAllSessions,
	exportAccountData,
	findInvitation,
	grantRole,
	inviteStaff,
	listOpenInvitations,
	listPeople,
	loadActor,
	registerAccount,
	removeDemoAccounts,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	revokeRole,
	sessionActor,
	verifyEmail,
	withdrawInvitation
} from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const ctx = { origin: 'https://partheland.example' };
const BORSDORF = '14729060';
const NAUNHOF = '14729300';

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

async function actorFor(email: string): Promise<Actor> {
	const account = await authenticate(database.db, email, DEMO_PASSWORD);
	if (!account) throw new Error(`demo account ${email} missing`);
	return (await loadActor(database.db, account.id))!;
}

describe('registration and verification', () => {
	it('registers, sends a verification link in the account language, and verifies once', async () => {
		const { accountId, mailIds } = await registerAccount(
			database.db,
			{ email: 'Anna.Neu@Example.org', displayName: 'Anna N.', password: 'ein-langes-passwort', locale: 'en' },
			ctx
		);
		expect(accountId).toBeTruthy();
		expect(mailIds).toHaveLength(1);
		const mail = await lastMailTo(database.db, 'anna.neu@example.org');
		expect(mail.subject).toBe('Please confirm your e-mail address');
		expect(mail.locale).toBe('en');
		expect(mail.html).toContain('<a href="https://partheland.example/konto/bestaetigen/');
		const token = tokenIn(mail, '/konto/bestaetigen/');
		expect((await loadActor(database.db, accountId!))!.emailVerified).toBe(false);
		expect(await verifyEmail(database.db, token)).toBe(accountId);
		expect(await verifyEmail(database.db, token)).toBeUndefined();
		expect((await loadActor(database.db, accountId!))!.emailVerified).toBe(true);
		// the password is stored only as an argon2id hash
		const [row] = await queryRows<{ password_hash: string }>(database.db, sql`select password_hash from account where id = ${accountId}`);
		expect(row.password_hash).toMatch(/^\$argon2id\$/);
	});

	it('answers a registration for a known address like any other, and tells the owner instead', async () => {
		const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from account`);
		const result = await registerAccount(database.db, { email: 'anna.neu@EXAMPLE.org', displayName: 'Eve', password: 'noch-ein-passwort', locale: 'de' }, ctx);
		expect(result.accountId).toBeUndefined();
		expect(result.mailIds).toHaveLength(1);
		const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from account`);
		expect(after[0].n).toBe(before[0].n);
		const mail = await lastMailTo(database.db, 'anna.neu@example.org');
		expect(mail.subject).toBe('Registration with your e-mail address');
		expect(mail.body).toContain('https://partheland.example/passwort-vergessen');
	});

	it('authenticates by address (any case) and password, the same way for unknown addresses and wrong passwords', async () => {
		expect(await authenticate(database.db, 'ANNA.NEU@example.org', 'ein-langes-passwort')).toBeTruthy();
		expect(await authenticate(database.db, 'anna.neu@example.org', 'falsches-passwort')).toBeUndefined();
		expect(await authenticate(database.db, 'niemand@example.org', 'ein-langes-passwort')).toBeUndefined();
	});
});

describe('sessions', () => {
	it('finds the actor of a live session, never of an expired or unknown one, and stores only a hash of the token', async () => {
		const account = (await authenticate(database.db, 'anna.neu@example.org', 'ein-langes-passwort'))!;
		const { token } = await createSession(database.db, account.id);
		expect((await sessionActor(database.db, token))?.actor.id).toBe(account.id);
		expect(await sessionActor(database.db, `${token}x`)).toBeUndefined();
		expect(await sessionActor(database.db, token, new Date(Date.now() + 31 * 86_400_000))).toBeUndefined();
		const stored = await queryRows<{ id: string }>(database.db, sql`select id from session where account_id = ${account.id}`);
		expect(stored.map((s) => s.id)).not.toContain(token);
	});

	it('renews a session after half its lifetime', async () => {
		const account = (await authenticate(database.db, 'anna.neu@example.org', 'ein-langes-passwort'))!;
		const { token, expiresAt } = await createSession(database.db, account.id);
		expect((await sessionActor(database.db, token))!.renewed).toBe(false);
		const later = new Date(Date.now() + 20 * 86_400_000);
		const renewed = (await sessionActor(database.db, token, later))!;
		expect(renewed.renewed).toBe(true);
		expect(renewed.expiresAt.getTime()).toBeGreaterThan(expiresAt.getTime());
	});

	it('ends every session on "log out everywhere" and on a password change', async () => {
		const account = (await authenticate(database.db, 'anna.neu@example.org', 'ein-langes-passwort'))!;
		const actor = (await loadActor(database.db, account.id))!;
		const a = await createSession(database.db, account.id);
		const b = await createSession(database.db, account.id);
		await endAllSessions(database.db, actor);
		expect(await sessionActor(database.db, a.token)).toBeUndefined();
		expect(await sessionActor(database.db, b.token)).toBeUndefined();

		const c = await createSession(database.db, account.id);
		await expect(changePassword(database.db, actor, 'falsch', 'ganz-neues-passwort')).rejects.toBeInstanceOf(AccountError);
		expect(await sessionActor(database.db, c.token)).toBeTruthy();
		await changePassword(database.db, actor, 'ein-langes-passwort', 'ganz-neues-passwort');
		expect(await sessionActor(database.db, c.token)).toBeUndefined();
		expect(await authenticate(database.db, 'anna.neu@example.org', 'ganz-neues-passwort')).toBeTruthy();
	});
});

describe('password reset', () => {
	it('sends nothing for an unknown address, a one-hour link for a known one; the link works once and ends all sessions', async () => {
		expect(await requestPasswordReset(database.db, 'niemand@example.org', ctx)).toEqual([]);
		expect(await countMailsTo(database.db, 'niemand@example.org')).toBe(0);
		const account = (await authenticate(database.db, 'anna.neu@example.org', 'ganz-neues-passwort'))!;
		const session = await createSession(database.db, account.id);
		await requestPasswordReset(database.db, 'anna.neu@example.org', ctx);
		const first = tokenIn(await lastMailTo(database.db, 'anna.neu@example.org'), '/passwort-neu/');
		await requestPasswordReset(database.db, 'anna.neu@example.org', ctx);
		const second = tokenIn(await lastMailTo(database.db, 'anna.neu@example.org'), '/passwort-neu/');
		// a newer link replaces the older one
		expect(await resetPassword(database.db, first, 'zurueckgesetzt-123')).toBeUndefined();
		expect(await resetPassword(database.db, second, 'zurueckgesetzt-123')).toBe(account.id);
		expect(await resetPassword(database.db, second, 'nochmal-anders-1')).toBeUndefined();
		expect(await sessionActor(database.db, session.token)).toBeUndefined();
		expect(await authenticate(database.db, 'anna.neu@example.org', 'zurueckgesetzt-123')).toBeTruthy();
	});
});

describe('change of e-mail, export and deletion', () => {
	it('changes the address only after the new one is confirmed; a taken address gets a hint, nothing changes', async () => {
		const account = (await authenticate(database.db, 'anna.neu@example.org', 'zurueckgesetzt-123'))!;
		const actor = (await loadActor(database.db, account.id))!;
		await expect(requestEmailChange(database.db, actor, { email: 'anna@example.net', password: 'falsch' }, ctx)).rejects.toBeInstanceOf(AccountError);
		await requestEmailChange(database.db, actor, { email: 'anna@example.net', password: 'zurueckgesetzt-123' }, ctx);
		expect((await loadActor(database.db, account.id))!.email).toBe('anna.neu@example.org');
		const token = tokenIn(await lastMailTo(database.db, 'anna@example.net'), '/konto/email-bestaetigen/');
		expect(await confirmEmailChange(database.db, token)).toBe(account.id);
		expect((await loadActor(database.db, account.id))!.email).toBe('anna@example.net');

		await requestEmailChange(database.db, actor, { email: 'buerger@partheland.example', password: 'zurueckgesetzt-123' }, ctx);
		const hint = await lastMailTo(database.db, 'buerger@partheland.example');
		expect(hint.body).toContain('bereits ein Konto');
		expect(hint.body).not.toContain('/konto/email-bestaetigen/');
	});

	it('exports everything about the account without secrets, and deletes it with its sessions and roles', async () => {
		const account = (await authenticate(database.db, 'anna@example.net', 'zurueckgesetzt-123'))!;
		const actor = (await loadActor(database.db, account.id))!;
		await createSession(database.db, account.id);
		const data = await exportAccountData(database.db, actor);
		expect(data.account).toMatchObject({ email: 'anna@example.net', displayName: 'Anna N.', locale: 'en', hasPassword: true });
		expect(data.sessions.length).toBeGreaterThan(0);
		const json = JSON.stringify(data);
		expect(json).not.toContain('argon2');
		expect(json).not.toMatch(/"id":"[0-9a-f]{64}"/);

		await expect(deleteOwnAccount(database.db, actor, 'falsch')).rejects.toBeInstanceOf(AccountError);
		await deleteOwnAccount(database.db, actor, 'zurueckgesetzt-123');
		expect(await loadActor(database.db, account.id)).toBeUndefined();
		const left = await queryRows<{ n: number }>(
			database.db,
			sql`select (select count(*) from session where account_id = ${account.id}) + (select count(*) from account_token where account_id = ${account.id}) as n`
		);
		expect(Number(left[0].n)).toBe(0);
	});
});

describe('roles across municipalities', () => {
	it('lets the admin of Borsdorf grant and revoke roles in Borsdorf, recorded in the audit log', async () => {
		const admin = await actorFor('admin.borsdorf@partheland.example');
		const citizen = await actorFor('buerger@partheland.example');
		const grant = (await grantRole(database.db, admin, { accountId: citizen.id!, role: 'staff', municipality: BORSDORF }))!;
		expect((await loadActor(database.db, citizen.id!))!.grants).toEqual([{ role: 'staff', scope: { municipality: BORSDORF } }]);
		await revokeRole(database.db, admin, grant.id);
		expect((await loadActor(database.db, citizen.id!))!.grants).toEqual([]);
		const log = await listAuditLog(database.db, admin, { limit: 10 });
		expect(log.slice(0, 2).map((e) => [e.action, e.actorName, e.actorRole, e.municipalityAgs])).toEqual([
			['role.revoke', 'Bettina Borsdorf', `municipality_admin@${BORSDORF}`, BORSDORF],
			['role.grant', 'Bettina Borsdorf', `municipality_admin@${BORSDORF}`, BORSDORF]
		]);
		expect(log[1].changes.after).toMatchObject({ role: 'staff', municipality: BORSDORF });
	});

	it('refuses the admin of Borsdorf anything in Naunhof, and writes nothing', async () => {
		const admin = await actorFor('admin.borsdorf@partheland.example');
		const citizen = await actorFor('buerger@partheland.example');
		const auditBefore = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_event`);
		await expect(grantRole(database.db, admin, { accountId: citizen.id!, role: 'staff', municipality: NAUNHOF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(grantRole(database.db, admin, { accountId: citizen.id!, role: 'coordinator' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(inviteStaff(database.db, admin, { email: 'x@example.org', role: 'editor', municipality: NAUNHOF, locale: 'de' }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		const naunhofStaffGrant = (await queryRows<{ id: number }>(database.db, sql`select id from role_grant where municipality_ags = ${NAUNHOF} limit 1`))[0];
		await expect(revokeRole(database.db, admin, naunhofStaffGrant.id)).rejects.toBeInstanceOf(ForbiddenError);
		const auditAfter = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_event`);
		expect(auditAfter[0].n).toBe(auditBefore[0].n);
		expect((await loadActor(database.db, citizen.id!))!.grants).toEqual([]);
		// the log of Borsdorf's admin shows nothing of Naunhof
		const log = await listAuditLog(database.db, admin, { limit: 100 });
		expect(log.every((e) => e.municipalityAgs === BORSDORF)).toBe(true);
	});

	it('shows each admin only the people of their own municipality; the VG clerk appears in Naunhof', async () => {
		const borsdorf = await listPeople(database.db, await actorFor('admin.borsdorf@partheland.example'));
		const naunhof = await listPeople(database.db, await actorFor('admin.naunhof@partheland.example'));
		// the club naming its events in Borsdorf and the moderator of its participation are Borsdorf's people too
		expect(borsdorf.map((p) => p.email).sort()).toEqual(['admin.borsdorf@partheland.example', 'moderation.borsdorf@partheland.example', 'redaktion.borsdorf@partheland.example', 'verein.borsdorf@partheland.example']);
		expect(naunhof.map((p) => p.email)).toContain('vg.naunhof@partheland.example');
		expect(naunhof.map((p) => p.email)).not.toContain('redaktion.borsdorf@partheland.example');
		await expect(listPeople(database.db, await actorFor('vg.naunhof@partheland.example'))).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('lets a municipality admin invite a colleague who sets a password and holds the role', async () => {
		const admin = await actorFor('admin.naunhof@partheland.example');
		await inviteStaff(database.db, admin, { email: 'neu.naunhof@example.org', role: 'editor', municipality: NAUNHOF, locale: 'de' }, ctx);
		const mail = await lastMailTo(database.db, 'neu.naunhof@example.org');
		expect(mail.body).toContain('Norbert Naunhof lädt Sie ein');
		expect(mail.body).toContain('Redakteur/in für Naunhof');
		const token = tokenIn(mail, '/einladung/');
		expect(await findInvitation(database.db, token)).toMatchObject({ email: 'neu.naunhof@example.org', role: 'editor', hasAccount: false, municipality: { name: 'Naunhof' } });
		const accountId = await acceptInvitation(database.db, token, { newAccount: { displayName: 'Nina Neu', password: 'naunhof-passwort', locale: 'de' } });
		const actor = (await loadActor(database.db, accountId!))!;
		expect(actor.emailVerified).toBe(true);
		expect(actor.grants).toEqual([{ role: 'editor', scope: { municipality: NAUNHOF } }]);
		expect(await findInvitation(database.db, token)).toBeUndefined();
		expect(await acceptInvitation(database.db, token, { actor })).toBeUndefined();
		const log = await listAuditLog(database.db, admin, { limit: 5 });
		expect(log[0]).toMatchObject({ action: 'role.grant', actorName: 'Norbert Naunhof', municipalityAgs: NAUNHOF });
	});

	it('lets an existing account accept only while signed in as the invited address', async () => {
		const admin = await actorFor('admin.borsdorf@partheland.example');
		await inviteStaff(database.db, admin, { email: 'buerger@partheland.example', role: 'staff', municipality: BORSDORF, locale: 'de' }, ctx);
		const token = tokenIn(await lastMailTo(database.db, 'buerger@partheland.example'), '/einladung/');
		await expect(acceptInvitation(database.db, token, { newAccount: { displayName: 'X', password: 'irgendein-passwort', locale: 'de' } })).rejects.toBeInstanceOf(AccountError);
		await expect(acceptInvitation(database.db, token, { actor: admin })).rejects.toBeInstanceOf(AccountError);
		const citizen = await actorFor('buerger@partheland.example');
		expect(await acceptInvitation(database.db, token, { actor: citizen })).toBe(citizen.id);
		expect((await loadActor(database.db, citizen.id!))!.grants).toEqual([{ role: 'staff', scope: { municipality: BORSDORF } }]);
	});

	it('lets the inviting municipality withdraw an open invitation, nobody else', async () => {
		const admin = await actorFor('admin.borsdorf@partheland.example');
		await inviteStaff(database.db, admin, { email: 'zurueck@example.org', role: 'staff', municipality: BORSDORF, locale: 'de' }, ctx);
		const token = tokenIn(await lastMailTo(database.db, 'zurueck@example.org'), '/einladung/');
		const [open] = (await listOpenInvitations(database.db, admin)).filter((i) => i.email === 'zurueck@example.org');
		expect(open.withdrawable).toBe(true);
		await expect(withdrawInvitation(database.db, await actorFor('admin.naunhof@partheland.example'), open.id)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await listOpenInvitations(database.db, await actorFor('admin.naunhof@partheland.example'))).not.toContainEqual(expect.objectContaining({ email: 'zurueck@example.org' }));
		await withdrawInvitation(database.db, admin, open.id);
		expect(await findInvitation(database.db, token)).toBeUndefined();
		expect(await acceptInvitation(database.db, token, { newAccount: { displayName: 'Zu spät', password: 'irgendein-passwort', locale: 'de' } })).toBeUndefined();
		expect((await listAuditLog(database.db, admin, { limit: 1 }))[0]).toMatchObject({ action: 'invitation.withdraw', municipalityAgs: BORSDORF });
	});

	it('never lets anyone hand out a role they do not hold', async () => {
		const coordinator = await actorFor('koordination.demo@partheland.example');
		const citizen = await actorFor('buerger@partheland.example');
		await expect(grantRole(database.db, coordinator, { accountId: citizen.id!, role: 'platform_admin' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(grantRole(database.db, coordinator, { accountId: citizen.id!, role: 'staff', municipality: BORSDORF })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await grantRole(database.db, coordinator, { accountId: citizen.id!, role: 'coordinator' })).toBeTruthy();
		await expect(grantRole(database.db, coordinator, { accountId: citizen.id!, role: 'coordinator', municipality: BORSDORF })).rejects.toBeInstanceOf(AccountError);
	});
});

describe('the last platform admin', () => {
	it('can neither delete the account nor lose the role while alone in it', async () => {
		const admin = await actorFor('admin@partheland.example');
		await expect(deleteOwnAccount(database.db, admin, DEMO_PASSWORD)).rejects.toMatchObject({ key: 'account.err.lastAdmin' });
		const [grant] = await queryRows<{ id: number }>(database.db, sql`select id from role_grant where role = 'platform_admin'`);
		await expect(revokeRole(database.db, admin, grant.id)).rejects.toMatchObject({ key: 'account.err.lastAdmin' });
		expect(await loadActor(database.db, admin.id!)).toMatchObject({ grants: [{ role: 'platform_admin', scope: { region: true } }] });
	});
});

describe('operators', () => {
	it('creates a platform admin on the command line, and removes only demo accounts', async () => {
		const { accountId, created } = await createPlatformAdmin(database.db, { email: 'betrieb@example.org', displayName: 'Betrieb', password: 'betrieb-passwort-1' });
		expect(created).toBe(true);
		expect((await loadActor(database.db, accountId))!.grants).toEqual([{ role: 'platform_admin', scope: { region: true } }]);
		expect((await createPlatformAdmin(database.db, { email: 'betrieb@example.org', displayName: 'Betrieb', password: 'betrieb-passwort-1' })).created).toBe(false);
		expect(await removeDemoAccounts(database.db)).toBe(10);
		expect(await authenticate(database.db, 'admin@partheland.example', DEMO_PASSWORD)).toBeUndefined();
		expect(await loadActor(database.db, accountId)).toBeTruthy();
		expect(await authenticate(database.db, 'nina.neu@example.org', 'x')).toBeUndefined();
	});
});
