import type { Role } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { hashPassword } from './password.ts';
import * as queries from './queries.ts';
import demo from './demo-people.json' with { type: 'json' };

/**
 * Demo people, one per typical role; also the fixtures of the tests. The Verwaltungsgemeinschaft
 * Naunhof serves Naunhof, Belgershain and Parthenstein: its clerk is staff of all three.
 * A JSON file so that server.js can print the demo logins at start.
 */
export const DEMO_PASSWORD = demo.password;
export const demoPeople = demo.people as { email: string; displayName: string; grants: [Role, string | null][]; label: string }[];

/** Creates the demo people unless they exist. Idempotent. */
export async function seedDemoAccounts(db: Db) {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await transaction(db, async (tx) => {
		for (const person of demoPeople) {
			const row =
				(await queries.findAccountByEmail(tx, person.email)) ??
				(await queries.insertAccount(tx, { email: person.email, displayName: person.displayName, passwordHash, emailVerifiedAt: new Date(), demo: true }));
			for (const [role, ags] of person.grants) await queries.insertGrant(tx, { accountId: row.id, role, municipalityAgs: ags, grantedBy: 'Demo-Daten' });
		}
	});
}
