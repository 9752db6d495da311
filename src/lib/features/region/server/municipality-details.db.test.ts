import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { municipalityDetailsSchema } from '../schemas.ts';
import { findMunicipality } from './queries.ts';
import { updateMunicipalityDetails } from './service.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const editorBorsdorf: Actor = { kind: 'user', id: '00000000-0000-4000-8000-000000000001', name: 'Ralf Redaktion', grants: [{ role: 'editor', scope: { municipality: BORSDORF } }] };
const staffBorsdorf: Actor = { kind: 'user', name: 'Sam Sachbearbeitung', grants: [{ role: 'staff', scope: { municipality: BORSDORF } }] };
const coordinator: Actor = { kind: 'user', name: 'Karl Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };

const form = (overrides: Record<string, string> = {}) =>
	municipalityDetailsSchema.parse({
		contact: { name: 'Gemeindeverwaltung', street: '', postcode: '04451', city: 'Borsdorf', phone: '034291 123', email: 'info@borsdorf.example', website: '' },
		impressumContact: { name: 'Bürgermeisterin', street: '', postcode: '', city: '', phone: '', email: '', website: '' },
		privacyContact: { name: 'Datenschutz', street: '', postcode: '', city: '', phone: '', email: 'datenschutz@borsdorf.example', website: '' },
		inhabitants: '8900',
		inhabitantsDate: '2025-12-31',
		...overrides
	});
const auditCount = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_event`))[0].n;

describe('a municipality keeps its own data', () => {
	it('validates the form with clear message keys', () => {
		const bad = municipalityDetailsSchema.safeParse({
			contact: { email: 'kaputt', website: 'ftp://x' },
			impressumContact: {},
			privacyContact: {},
			inhabitants: '-3',
			inhabitantsDate: 'gestern'
		});
		expect(bad.success).toBe(false);
		const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toMatchObject({
			'contact.email': 'admin.err.contactEmail',
			'contact.website': 'admin.err.contactWebsite',
			inhabitants: 'admin.err.inhabitants',
			inhabitantsDate: 'admin.err.date'
		});
	});

	it('lets the editor of Borsdorf change Borsdorf, recording only what changed', async () => {
		await updateMunicipalityDetails(database.db, editorBorsdorf, BORSDORF, form());
		const m = await findMunicipality(database.db, { ags: BORSDORF });
		expect(m.contact).toEqual({ name: 'Gemeindeverwaltung', postcode: '04451', city: 'Borsdorf', phone: '034291 123', email: 'info@borsdorf.example' });
		expect(m.inhabitants).toBe(8900);
		await updateMunicipalityDetails(database.db, editorBorsdorf, BORSDORF, form({ inhabitants: '8950' }));
		const [entry] = await queryRows<{ actor_name: string; actor_role: string; municipality_ags: string; changes: unknown }>(
			database.db,
			sql`select actor_name, actor_role, municipality_ags, changes from audit_event order by id desc limit 1`
		);
		expect(entry).toEqual({
			actor_name: 'Ralf Redaktion',
			actor_role: `editor@${BORSDORF}`,
			municipality_ags: BORSDORF,
			changes: { before: { inhabitants: 8900 }, after: { inhabitants: 8950 } }
		});
	});

	it('refuses Borsdorf’s editor, plain staff and the coordinator for Naunhof, and writes nothing', async () => {
		const before = await findMunicipality(database.db, { ags: NAUNHOF });
		const audits = await auditCount();
		for (const actor of [editorBorsdorf, staffBorsdorf, coordinator])
			await expect(updateMunicipalityDetails(database.db, actor, NAUNHOF, form())).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateMunicipalityDetails(database.db, staffBorsdorf, BORSDORF, form())).rejects.toBeInstanceOf(ForbiddenError);
		expect(await findMunicipality(database.db, { ags: NAUNHOF })).toEqual(before);
		expect(await auditCount()).toBe(audits);
	});

	it('answers an unknown municipality with NotFound', async () => {
		await expect(updateMunicipalityDetails(database.db, editorBorsdorf, '99999999', form())).rejects.toBeInstanceOf(NotFoundError);
	});
});
