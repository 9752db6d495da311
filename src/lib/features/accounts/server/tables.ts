import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipality } from '../../region/server/tables.ts';

/**
 * Konto: one identity across all municipalities. The password hash is null for accounts that
 * sign in only through OpenID Connect or have not yet accepted an invitation.
 */
export const account = pgTable(
	'account',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash'),
		locale: text('locale', { enum: ['de', 'en'] }).notNull().default('de'),
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		oidcSubject: text('oidc_subject'),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('account_email_key').on(sql`lower(${t.email})`), uniqueIndex('account_oidc_subject_key').on(t.oidcSubject)]
);

/** A signed-in browser. The id is the SHA-256 of the cookie's token: a database leak yields no usable session. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('session_account_idx').on(t.accountId), index('session_expires_idx').on(t.expiresAt)]
);

/** Rolle in einem Geltungsbereich: a municipality (AGS) or, when null, the whole region. */
export const roleGrant = pgTable(
	'role_grant',
	{
		id: serial('id').primaryKey(),
		accountId: uuid('account_id')
			.notNull()
			.references(() => account.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		municipalityAgs: text('municipality_ags').references(() => municipality.ags, { onDelete: 'cascade', onUpdate: 'cascade' }),
		grantedBy: text('granted_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('role_grant_key').on(t.accountId, t.role, sql`coalesce(${t.municipalityAgs}, '')`),
		index('role_grant_municipality_idx').on(t.municipalityAgs, t.role)
	]
);

/**
 * One-time links sent by mail: e-mail verification, password reset, change of e-mail, invitation.
 * Only the SHA-256 of the token is stored.
 */
export const accountToken = pgTable(
	'account_token',
	{
		id: text('id').primaryKey(),
		purpose: text('purpose', { enum: ['verify_email', 'reset_password', 'change_email', 'invitation'] }).notNull(),
		accountId: uuid('account_id').references(() => account.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		payload: jsonb('payload').$type<Record<string, string>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [index('account_token_account_idx').on(t.accountId, t.purpose), index('account_token_expires_idx').on(t.expiresAt)]
);
