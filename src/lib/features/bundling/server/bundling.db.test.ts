import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, guestActor, type Actor } from '#lib/server/actor.ts';
import { getMeasure } from '../../cooperation/server/service.ts';
import { bundleToMeasure, commentBundle, listBundles, openBundle, postPlan, proposals, withdrawPlan } from './service.ts';

const BORSDORF = '14729060';
const BRANDIS = '14729070';
const MACHERN = '14729250';
const NAUNHOF = '14729300';
const GROSSPOESNA = '14729190';
const t = { suppliesCents: 216_000_00, worksCents: 5_404_000_00, similarity: 0.3 };

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

const staff = (ags: string, name: string): Actor => ({ kind: 'user', name, grants: [{ role: 'staff', scope: { municipality: ags } }] });
const coordinator: Actor = { kind: 'user', name: 'Kerstin Koordination', grants: [{ role: 'coordinator', scope: { region: true } }] };
const plan = (ags: string, subject: string, cpv: string, start: string, end: string, euros: number) => ({
	ags,
	subject,
	cpvDivision: cpv,
	description: '',
	quantity: null,
	periodStart: start,
	periodEnd: end,
	estimatedValueCents: euros * 100
});

describe('bundling of purchases', () => {
	let salt: number[];

	it('lets each municipality post its own plans only', async () => {
		await expect(postPlan(database.db, staff(BORSDORF, 'B'), plan(BRANDIS, 'x', '34', '2027-01-01', '2027-12-31', 1))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(postPlan(database.db, staff(BORSDORF, 'B'), plan(BORSDORF, 'x', '3', '2027-01-01', '2027-12-31', 1))).rejects.toMatchObject({ field: 'cpvDivision' });
		const a = await postPlan(database.db, staff(BORSDORF, 'Bernd'), plan(BORSDORF, 'Streusalz für den Winterdienst 2027/28', '34', '2027-09-01', '2028-03-31', 90_000));
		const b = await postPlan(database.db, staff(BRANDIS, 'Bea'), plan(BRANDIS, 'Streusalz Winterdienst 2027', '34', '2027-10-01', '2028-02-28', 80_000));
		const c = await postPlan(database.db, staff(MACHERN, 'Max'), plan(MACHERN, 'Auftausalz für den Winterdienst', '34', '2027-11-01', '2028-03-01', 60_000));
		salt = [a.id, b.id, c.id];
		// not matching: same text but another CPV division; same division but no overlap; overlap but another subject; the same municipality
		await postPlan(database.db, staff(NAUNHOF, 'Nina'), plan(NAUNHOF, 'Streusalz für den Winterdienst', '44', '2027-09-01', '2028-03-31', 50_000));
		await postPlan(database.db, staff(GROSSPOESNA, 'Gero'), plan(GROSSPOESNA, 'Streusalz für den Winterdienst', '34', '2026-01-01', '2026-03-31', 50_000));
		await postPlan(database.db, staff(GROSSPOESNA, 'Gero'), plan(GROSSPOESNA, 'Löschgruppenfahrzeug LF 10', '34', '2027-09-01', '2028-03-31', 400_000));
		await postPlan(database.db, staff(BORSDORF, 'Bernd'), plan(BORSDORF, 'Streusalz für den Winterdienst, Reserve', '34', '2027-09-01', '2028-03-31', 10_000));
	});

	it('proposes the matching plans as one bundle, with the combined value and the EU threshold warning', async () => {
		const list = await proposals(database.db, coordinator, t);
		const saltBundle = list.find((p) => p.planIds.includes(salt[0]))!;
		expect(saltBundle.plans.map((p) => p.plan.ags).sort()).toEqual(expect.arrayContaining([BORSDORF, BRANDIS, MACHERN]));
		expect(saltBundle.plans.some((p) => p.plan.ags === NAUNHOF || p.plan.ags === GROSSPOESNA)).toBe(false);
		expect(saltBundle.valueCents).toBe(saltBundle.plans.reduce((s, p) => s + p.plan.estimatedValueCents, 0));
		expect(saltBundle.valueCents).toBeGreaterThanOrEqual(230_000_00);
		expect(saltBundle.aboveThreshold).toBe(true);
		expect(list.flatMap((p) => p.plans).some((p) => p.plan.subject.startsWith('Löschgruppenfahrzeug'))).toBe(false);
		await expect(proposals(database.db, guestActor, t)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('is taken up, discussed and turned into an internal joint measure in one step', async () => {
		const proposal = (await proposals(database.db, coordinator, t)).find((p) => p.planIds.includes(salt[0]))!;
		await expect(openBundle(database.db, staff(NAUNHOF, 'Nina'), proposal.planIds, t)).rejects.toBeInstanceOf(ForbiddenError);
		const b = await openBundle(database.db, staff(BRANDIS, 'Bea'), proposal.planIds, t);
		// taken up: no longer proposed, and its plans cannot be withdrawn
		expect((await proposals(database.db, coordinator, t)).some((p) => p.planIds.includes(salt[0]))).toBe(false);
		await expect(withdrawPlan(database.db, staff(BORSDORF, 'Bernd'), salt[0])).rejects.toMatchObject({ field: 'plan' });
		await commentBundle(database.db, staff(MACHERN, 'Max'), b.id, 'Machern ist dabei, Lieferung bis Oktober.');
		await expect(commentBundle(database.db, staff(NAUNHOF, 'Nina'), b.id, 'Ich auch?')).rejects.toBeInstanceOf(ForbiddenError);
		const [{ fieldId, goalId }] = await queryRows<{ fieldId: number; goalId: number }>(database.db, sql`select (select id from action_field order by number limit 1) as "fieldId", (select id from goal order by number limit 1) as "goalId"`);
		const measureId = await bundleToMeasure(database.db, staff(BRANDIS, 'Bea'), b.id, { leadAgs: BRANDIS, actionFieldId: fieldId, goalId });
		const m = await getMeasure(database.db, coordinator, measureId);
		expect(m.measure).toMatchObject({ leadAgs: BRANDIS, isPublic: false, status: 'planned' });
		expect(m.scope.participants.sort()).toEqual([...new Set(proposal.plans.map((p) => p.plan.ags))].filter((a) => a !== BRANDIS).sort());
		expect(m.measure.description).toContain('Streusalz');
		await expect(bundleToMeasure(database.db, staff(BRANDIS, 'Bea'), b.id, { leadAgs: BRANDIS, actionFieldId: fieldId, goalId })).rejects.toMatchObject({ field: 'bundle' });
		const [listed] = await listBundles(database.db, coordinator);
		expect(listed).toMatchObject({ bundle: { measureId } });
		expect(listed.comments.map((c) => c.text)).toEqual(['Machern ist dabei, Lieferung bis Oktober.']);
	});
});
