import type { Role } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { hashPassword } from './password.ts';
import * as queries from './queries.ts';

export const DEMO_PASSWORD = 'partheland-demo';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const BELGERSHAIN = '14729020';
const PARTHENSTEIN = '14729340';

/**
 * Demo people, one per typical role; also the fixtures of the tests. The Verwaltungsgemeinschaft
 * Naunhof serves Naunhof, Belgershain and Parthenstein: its clerk is staff of all three.
 */
export const demoPeople: { email: string; displayName: string; grants: [Role, string | null][]; label: string }[] = [
	{ email: 'admin@partheland.example', displayName: 'Paula Plattform', grants: [['platform_admin', null]], label: 'Administration der Plattform' },
	{ email: 'koordination.demo@partheland.example', displayName: 'Karl Koordination', grants: [['coordinator', null]], label: 'Koordinierungsstelle' },
	{ email: 'admin.borsdorf@partheland.example', displayName: 'Bettina Borsdorf', grants: [['municipality_admin', BORSDORF]], label: 'Administration Borsdorf' },
	{ email: 'redaktion.borsdorf@partheland.example', displayName: 'Ralf Redaktion', grants: [['editor', BORSDORF]], label: 'Redaktion Borsdorf' },
	{ email: 'admin.naunhof@partheland.example', displayName: 'Norbert Naunhof', grants: [['municipality_admin', NAUNHOF]], label: 'Administration Naunhof' },
	{
		email: 'vg.naunhof@partheland.example',
		displayName: 'Vera Verwaltungsgemeinschaft',
		grants: [['staff', NAUNHOF], ['staff', BELGERSHAIN], ['staff', PARTHENSTEIN]],
		label: 'Sachbearbeitung VG Naunhof (3 Kommunen)'
	},
	{ email: 'buerger@partheland.example', displayName: 'Bernd Bürger', grants: [], label: 'Bürgerkonto' }
];

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
