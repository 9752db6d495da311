import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../../../test/db.ts';
import { countMailsTo, lastMailTo } from '../../../../../test/outbox.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { ForbiddenError, guestActor, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { search } from '../../search/server/service.ts';
import { measureFormSchema, type MeasureForm } from '../schemas.ts';
import { applicationsPage, indicatorsPage, measuresPage } from './datasets.ts';
import {
	addApplication,
	addAttachment,
	addMeasureUpdate,
	addMilestone,
	cockpit,
	CooperationError,
	createIndicator,
	createMeasure,
	createProgramme,
	fundingOverview,
	fundingSuggestions,
	getMeasure,
	indicatorsWithValues,
	measureChoices,
	measuresToFund,
	readAttachment,
	recordIndicatorValue,
	removeIndicatorValue,
	saveCostYear,
	setCostKey,
	setMilestoneDone,
	setProgress,
	updateApplication,
	updateMeasure,
	visibilityFor
} from './service.ts';
import { berlinDate } from '#lib/server/time.ts';
import { sendFundingReminders } from './reminders.ts';
import { removeDemoCooperation, seedDemoCooperation } from './demo.ts';
import { getLeitbild, LeitbildInvalidError, reviseLeitbild } from '../../leitbild/server/service.ts';

const BORSDORF = '14729060';
const NAUNHOF = '14729300';
const BRANDIS = '14729070';
const BELGERSHAIN = '14729020';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-measures-'));
const storage = localStorage(uploads);
let responsibleId: string;

const user = (name: string, grants: Actor['grants'], id?: string): Actor => ({ kind: 'user', id, name, grants });
const coordinator = user('Kerstin Koordination', [{ role: 'coordinator', scope: { region: true } }]);
const staffNaunhof = user('Nina Naunhof', [{ role: 'staff', scope: { municipality: NAUNHOF } }]);
const staffBorsdorf = user('Bernd Borsdorf', [{ role: 'staff', scope: { municipality: BORSDORF } }]);
const staffBelgershain = user('Bea Belgershain', [{ role: 'staff', scope: { municipality: BELGERSHAIN } }]);

let fields: { id: number; number: number }[];
let goals: { id: number; number: number }[];

beforeAll(async () => {
	database = await openTestDatabase();
	// the test database holds the demo data; these tests start from an empty cooperation
	expect(await removeDemoCooperation(database.db)).toMatchObject({ measures: 6, programmes: 1 });
	const choices = await measureChoices(database.db);
	fields = choices.fields;
	goals = choices.goals;
	[{ id: responsibleId }] = await queryRows<{ id: string }>(database.db, sql`insert into account (email, display_name) values ('foerderung@naunhof.example', 'Frieda Förderung') returning id`);
});
afterAll(async () => {
	await database?.drop();
	fs.rmSync(uploads, { recursive: true, force: true });
});

function form(overrides: Partial<Record<string, string | string[]>> = {}): MeasureForm {
	const raw = {
		title: 'Gemeinsames Bürgerportal',
		description: 'Ein Portal für alle Anliegen der Region, gemeinsam betrieben.',
		leadAgs: NAUNHOF,
		participants: [BORSDORF, BRANDIS],
		actionFields: [String(fields.find((f) => f.number === 5)!.id)],
		goals: [String(goals[0].id)],
		status: 'planned',
		startOn: '2026-01-01',
		endOn: '2027-12-31',
		contactName: 'Nina Naunhof',
		contactOrganisation: 'Stadt Naunhof',
		contactEmail: 'digital@naunhof.example',
		contactPhone: '',
		visibility: 'public',
		lighthouse: 'on',
		...overrides
	};
	return measureFormSchema.parse(raw);
}

describe('measures', () => {
	let id: number;

	it('lets the lead municipality create a measure; others may not create it for them', async () => {
		id = await createMeasure(database.db, staffNaunhof, form());
		await expect(createMeasure(database.db, staffBorsdorf, form())).rejects.toBeInstanceOf(ForbiddenError);
		const m = await getMeasure(database.db, guestActor, id);
		expect(m.measure).toMatchObject({ title: 'Gemeinsames Bürgerportal', leadAgs: NAUNHOF, status: 'planned', lighthouse: true });
		expect(m.scope.participants).toEqual([BORSDORF, BRANDIS]);
		// the default key shares equally among everyone taking part
		expect(m.measure.costKey).toEqual({ kind: 'equal', municipalities: [BORSDORF, BRANDIS, NAUNHOF] });
		expect(m.canEdit).toBe(false);
		const [audit] = await queryRows<{ action: string; municipality_ags: string }>(database.db, sql`select action, municipality_ags from audit_event where entity_type = 'measure' order by id limit 1`);
		expect(audit).toEqual({ action: 'measure.create', municipality_ags: NAUNHOF });
	});

	it('rolls progress up from milestones, or takes it by hand with a reason', async () => {
		const a = await addMilestone(database.db, staffNaunhof, id, { title: 'Ausschreibung', dueOn: '2026-03-01' });
		await addMilestone(database.db, staffNaunhof, id, { title: 'Vergabe', dueOn: '2026-06-01' });
		await addMilestone(database.db, coordinator, id, { title: 'Start', dueOn: '2026-09-01' });
		expect((await getMeasure(database.db, guestActor, id)).progress).toBe(0);
		await setMilestoneDone(database.db, staffNaunhof, id, a.id, true, '2026-02-20');
		expect((await getMeasure(database.db, guestActor, id)).progress).toBe(33);
		await setProgress(database.db, coordinator, id, { mode: 'manual', progress: 50, reason: 'Vergabe faktisch abgeschlossen' });
		const manual = await getMeasure(database.db, guestActor, id);
		expect(manual.progress).toBe(50);
		expect(manual.measure.progressReason).toBe('Vergabe faktisch abgeschlossen');
		await setProgress(database.db, staffNaunhof, id, { mode: 'milestones' });
		expect((await getMeasure(database.db, guestActor, id)).progress).toBe(33);
		// a participating municipality reports, but does not steer
		await expect(setProgress(database.db, staffBorsdorf, id, { mode: 'manual', progress: 90, reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(setMilestoneDone(database.db, staffNaunhof, id, 999_999, true)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lets participants add updates, tagged with their municipality; outsiders may not', async () => {
		await addMeasureUpdate(database.db, staffBorsdorf, id, 'Borsdorf hat die Schnittstelle getestet.');
		await expect(addMeasureUpdate(database.db, staffBelgershain, id, 'Fremd')).rejects.toBeInstanceOf(ForbiddenError);
		const m = await getMeasure(database.db, guestActor, id);
		expect(m.updates[0]).toMatchObject({ text: 'Borsdorf hat die Schnittstelle getestet.', municipalityAgs: BORSDORF, authorName: 'Bernd Borsdorf' });
	});

	it('keeps costs by year and splits the total by the key, cent-exact', async () => {
		await saveCostYear(database.db, staffNaunhof, id, { year: 2026, budget: 10_000_00, actual: 2_500_00 });
		await saveCostYear(database.db, staffNaunhof, id, { year: 2027, budget: 5_000_01, actual: 0 });
		let m = await getMeasure(database.db, guestActor, id);
		expect(m.budgetCents).toBe(15_000_01);
		expect(m.actualCents).toBe(2_500_00);
		// 1,500,001 / 3: the extra cent goes to the lowest AGS
		expect(m.costShares).toEqual([
			{ municipality: BORSDORF, amountCents: 500_001 },
			{ municipality: BRANDIS, amountCents: 500_000 },
			{ municipality: NAUNHOF, amountCents: 500_000 }
		]);
		const key = await setCostKey(database.db, coordinator, id, { kind: 'inhabitants' });
		expect(key.kind === 'inhabitants' && Object.keys(key.inhabitants)).toEqual([BORSDORF, BRANDIS, NAUNHOF]);
		expect(key.kind === 'inhabitants' && key.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		m = await getMeasure(database.db, guestActor, id);
		expect(m.costShares.reduce((s, c) => s + c.amountCents, 0)).toBe(15_000_01);
		await expect(setCostKey(database.db, coordinator, id, { kind: 'percentages', basisPoints: { [NAUNHOF]: 5000, [BORSDORF]: 2500, [BRANDIS]: 2499 } })).rejects.toBeInstanceOf(CooperationError);
		expect((await getMeasure(database.db, guestActor, id)).measure.costKey.kind).toBe('inhabitants');
		await setCostKey(database.db, coordinator, id, { kind: 'percentages', basisPoints: { [NAUNHOF]: 5000, [BORSDORF]: 2500, [BRANDIS]: 2500 } });
		m = await getMeasure(database.db, guestActor, id);
		expect(m.costShares.find((s) => s.municipality === NAUNHOF)?.amountCents).toBe(750_001);
		expect(m.costShares.reduce((s, c) => s + c.amountCents, 0)).toBe(15_000_01);
	});

	it('carries the key over when the participants change (custom percentages fall back to equal shares)', async () => {
		const result = await updateMeasure(database.db, staffNaunhof, id, form({ participants: [BORSDORF] }));
		expect(result.keyChanged).toBe(true);
		const m = await getMeasure(database.db, guestActor, id);
		expect(m.measure.costKey).toEqual({ kind: 'equal', municipalities: [BORSDORF, NAUNHOF] });
		await updateMeasure(database.db, staffNaunhof, id, form());
	});

	it('refuses bad input with a field and changes nothing', async () => {
		expect(measureFormSchema.safeParse({ ...form(), startOn: '2027-01-01', endOn: '2026-01-01', participants: [], actionFields: ['1'], goals: ['1'], lighthouse: '' }).success).toBe(false);
		await expect(createMeasure(database.db, coordinator, { ...form(), leadAgs: '01001000' })).rejects.toMatchObject({ field: 'leadAgs' });
		await expect(createMeasure(database.db, coordinator, { ...form(), actionFields: [999_999] })).rejects.toMatchObject({ field: 'actionFields' });
		const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from measure`);
		expect(n).toBe(1);
	});

	it('checks documents by their content and serves them only with the measure', async () => {
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const doc = await addAttachment(database.db, storage, staffNaunhof, id, { title: 'Konzept', fileName: 'konzept.pdf', data: pdf });
		expect(doc.mediaType).toBe('application/pdf');
		const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
			.png()
			.withMetadata({ exif: { IFD0: { Copyright: 'geheim' } } })
			.toBuffer();
		const image = await addAttachment(database.db, storage, staffNaunhof, id, { title: '', fileName: 'plan.png', data: png });
		expect(image).toMatchObject({ title: 'plan', mediaType: 'image/webp' });
		const stored = await readAttachment(database.db, storage, guestActor, id, image.id);
		expect((await sharp(stored.data).metadata()).exif).toBeUndefined();
		// an executable renamed to .pdf, and HTML, are refused
		for (const data of [Buffer.from('MZ\x90\x00\x03'), Buffer.from('<html><script>alert(1)</script></html>')]) {
			await expect(addAttachment(database.db, storage, staffNaunhof, id, { title: 'x', fileName: 'x.pdf', data })).rejects.toMatchObject({ field: 'file', message: 'coop.err.file.type' });
		}
		await expect(addAttachment(database.db, storage, staffBorsdorf, id, { title: 'x', fileName: 'x.pdf', data: pdf })).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getMeasure(database.db, guestActor, id)).attachments).toHaveLength(2);
	});
});

describe('visibility', () => {
	let internal: number;
	beforeAll(async () => {
		internal = await createMeasure(database.db, coordinator, form({ title: 'Vertrauliche Personalplanung Bauhof', visibility: 'internal', leadAgs: BORSDORF, participants: [NAUNHOF] }));
	});

	it('shows an internal measure only to the coordination office and the municipalities taking part', async () => {
		await expect(getMeasure(database.db, guestActor, internal)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getMeasure(database.db, staffBelgershain, internal)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getMeasure(database.db, staffNaunhof, internal)).canEdit).toBe(false);
		expect((await getMeasure(database.db, staffBorsdorf, internal)).canEdit).toBe(true);
		const ids = async (actor: Actor) => (await cockpit(database.db, { visibility: visibilityFor(actor) })).total;
		expect(await ids(coordinator)).toBe(2);
		expect(await ids(staffBelgershain)).toBe(1);
	});

	it('keeps it out of the public cockpit, datasets and search', async () => {
		const c = await cockpit(database.db, { visibility: 'public' });
		expect(c.total).toBe(1);
		expect(JSON.stringify(c)).not.toContain('Vertrauliche');
		const page = await measuresPage(database.db, {}, 100);
		expect(page.rows.map((r) => r.title)).toEqual(['Gemeinsames Bürgerportal']);
		const ind = await createIndicator(database.db, coordinator, { measureId: internal }, { name: 'Geheime Kennzahl', unit: 'Stk.', baseline: 1, target: 2, direction: 'higher' });
		await recordIndicatorValue(database.db, coordinator, ind.id, { measuredOn: '2026-05-01', value: 3, source: null });
		expect(JSON.stringify((await indicatorsPage(database.db, 100)).rows)).not.toContain('Geheime');
		const hits = await search(database.db, { q: 'Personalplanung', locale: 'de', page: 1 });
		expect(hits.total).toBe(0);
		expect((await search(database.db, { q: 'Bürgerportal', locale: 'de', page: 1 })).hits.map((h: { url: string }) => h.url)).toContain(`/kooperation/massnahmen/${(await measuresPage(database.db, {}, 1)).rows[0].id}`);
	});
});

describe('indicators', () => {
	it('keeps measurements per day, a second on the same day replacing the first', async () => {
		const goalId = goals[2].id;
		await expect(createIndicator(database.db, staffNaunhof, { goalId }, { name: 'Breitband', unit: '%', baseline: 40, target: 95, direction: 'higher' })).rejects.toBeInstanceOf(ForbiddenError);
		const ind = await createIndicator(database.db, coordinator, { goalId }, { name: 'Haushalte mit Glasfaser', unit: '%', baseline: 40, target: 95, direction: 'higher' });
		await recordIndicatorValue(database.db, coordinator, ind.id, { measuredOn: '2026-01-01', value: 41, source: 'Breitbandatlas' });
		await recordIndicatorValue(database.db, coordinator, ind.id, { measuredOn: '2026-07-01', value: 50, source: null });
		await recordIndicatorValue(database.db, coordinator, ind.id, { measuredOn: '2026-07-01', value: 52.5, source: 'Zählung' });
		const rec = (await indicatorsPage(database.db, 100)).rows.find((r) => r.id === ind.id)!;
		expect(rec).toMatchObject({ goal: goals[2].number, measure: null, direction: 'higher' });
		expect(rec.values).toEqual([
			{ date: '2026-01-01', value: 41, source: 'Breitbandatlas' },
			{ date: '2026-07-01', value: 52.5, source: 'Zählung' }
		]);
		const [first] = (await indicatorsWithValues(database.db, { goalIds: [goalId] }))[0].values;
		await expect(removeIndicatorValue(database.db, coordinator, ind.id + 1000, first.id)).rejects.toBeInstanceOf(NotFoundError);
		await removeIndicatorValue(database.db, coordinator, ind.id, first.id);
		expect((await indicatorsWithValues(database.db, { goalIds: [goalId] }))[0].values.map((v) => v.value)).toEqual([52.5]);
	});
});

describe('funding', () => {
	let measureId: number;
	let programmeId: number;
	const naunhofResponsible = () => ({ ...staffNaunhof, id: responsibleId });
	// a deadline a month ahead of whenever the test runs: an application without its own date takes it
	const today = berlinDate();
	const winterDeadline = berlinDate(new Date(Date.now() + 30 * 86_400_000));

	beforeAll(async () => {
		measureId = (await measuresPage(database.db, {}, 1)).rows[0].id;
		const programme = await createProgramme(database.db, coordinator, {
			name: 'Digitale Kommunen Sachsen',
			funder: 'land',
			rate: 7500,
			maxAmount: 200_000_00,
			deadlines: [{ on: winterDeadline, label: 'Stichtag Winter' }],
			actionFields: [fields.find((f) => f.number === 5)!.id],
			link: 'https://example.org/foerderung',
			notes: null,
			active: true
		});
		programmeId = programme.id;
		await createProgramme(database.db, coordinator, { name: 'Abgelaufen', funder: 'bund', rate: null, maxAmount: null, deadlines: [{ on: '2020-01-01', label: 'vorbei' }], actionFields: [fields.find((f) => f.number === 5)!.id], link: null, notes: null, active: true });
		await createProgramme(database.db, coordinator, { name: 'Anderes Feld', funder: 'eu', rate: null, maxAmount: null, deadlines: [], actionFields: [fields.find((f) => f.number === 1)!.id], link: null, notes: null, active: true });
	});

	it('suggests programmes of the measure’s action fields with a deadline ahead, only while it has no funding', async () => {
		const suggestions = await fundingSuggestions(database.db, [measureId], today);
		expect(suggestions.get(measureId)?.map((s) => s.name)).toEqual(['Digitale Kommunen Sachsen']);
		expect((await measuresToFund(database.db, { visibility: 'all' }, 1000)).map((m) => m.id)).toContain(measureId);
		expect(suggestions.get(measureId)?.[0].nextDeadline).toBe(winterDeadline);
	});

	it('records an application, computes the own share by the key and sums the overview', async () => {
		const base = { programmeId, status: 'preparing' as const, eligibleCosts: 100_000_00, requested: 75_000_00, granted: null, submitBy: null, submittedOn: null, grantedOn: null, proofDueOn: null };
		await expect(addApplication(database.db, coordinator, measureId, { ...base, requested: 250_000_00, eligibleCosts: 300_000_00 })).rejects.toMatchObject({ field: 'requested' });
		const app = await addApplication(database.db, naunhofResponsible(), measureId, base);
		expect(app.submitBy).toBe(winterDeadline);
		let rec = (await applicationsPage(database.db, 10)).rows[0];
		expect(rec).toMatchObject({ status: 'preparing', requestedCents: 75_000_00, fundingCents: 75_000_00, ownShareCents: 25_000_00 });
		expect(rec.ownShares.reduce((s, x) => s + x.amountCents, 0)).toBe(25_000_00);
		await updateApplication(database.db, coordinator, measureId, app.id, { ...base, status: 'granted', granted: 70_000_00, submittedOn: '2026-11-30', grantedOn: '2027-02-01', proofDueOn: '2028-03-31' });
		rec = (await applicationsPage(database.db, 10)).rows[0];
		expect(rec).toMatchObject({ status: 'granted', grantedCents: 70_000_00, ownShareCents: 30_000_00 });
		const overview = await fundingOverview(database.db, { visibility: 'public' });
		expect(overview.total).toMatchObject({ appliedCents: 75_000_00, grantedCents: 70_000_00, openCents: 0, count: 1 });
		expect(overview.byFunder).toEqual([{ funder: 'land', appliedCents: 75_000_00, grantedCents: 70_000_00, openCents: 0, count: 1 }]);
		expect(overview.byYear.map((y) => y.year)).toEqual([2026]);
		expect(overview.byField.map((f) => f.number)).toEqual([5]);
		expect(overview.byMunicipality.reduce((s, m) => s + m.grantedCents, 0)).toBe(70_000_00);
		expect(overview.byMunicipality.reduce((s, m) => s + m.appliedCents, 0)).toBe(75_000_00);
		expect((await cockpit(database.db, { visibility: 'public' })).grantedCents).toBe(70_000_00);
		// with living funding, the measure is no longer among those to fund
		expect((await measuresToFund(database.db, { visibility: 'all' }, 1000)).map((m) => m.id)).not.toContain(measureId);
	});

	it('reminds the responsible person before the deadline, once per lead time', async () => {
		const recipient = 'foerderung@naunhof.example';
		const ctx = { origin: 'https://partheland.example' };
		// the application is granted: the proof of use is due 2028-03-31
		expect(await sendFundingReminders(database.db, ctx, '2028-03-01')).toEqual([]);
		const first = await sendFundingReminders(database.db, ctx, '2028-03-20');
		expect(first).toHaveLength(1);
		expect((await lastMailTo(database.db, recipient))?.subject).toContain('Verwendungsnachweis');
		expect(await sendFundingReminders(database.db, ctx, '2028-03-21')).toEqual([]);
		expect(await sendFundingReminders(database.db, ctx, '2028-03-29')).toHaveLength(1);
		expect(await sendFundingReminders(database.db, ctx, '2028-03-30')).toEqual([]);
		expect(await sendFundingReminders(database.db, ctx, '2028-04-02')).toEqual([]);
		expect(await countMailsTo(database.db, recipient)).toBe(2);
		expect((await lastMailTo(database.db, recipient))?.body).toContain('/verwaltung/kooperation/');
	});
});

describe('the Leitbild and the measures', () => {
	it('refuses to drop a Leitziel that measures point to, with a message, keeping the Leitbild as it was', async () => {
		const before = (await getLeitbild(database.db))!;
		const content = structuredClone(before.content);
		content.goals = content.goals.filter((g) => g.number !== goals[0].number);
		await expect(reviseLeitbild(database.db, coordinator, { content, note: 'Leitziel 1 gestrichen' })).rejects.toBeInstanceOf(LeitbildInvalidError);
		expect((await getLeitbild(database.db))!.revisionId).toBe(before.revisionId);
		expect((await measureChoices(database.db)).goals).toHaveLength(goals.length);
	});
});

describe('the cockpit’s cost shares', () => {
	it('add up each measure’s own split, cent for cent, also where measures share a key', async () => {
		const shares = async () => new Map((await cockpit(database.db, { visibility: 'public' })).shares.map((s) => [s.ags, s.amountCents]));
		const before = await shares();
		for (const title of ['Gemeinsame Streuobstwiese', 'Gemeinsamer Winterdienst']) {
			const id = await createMeasure(database.db, coordinator, form({ title }));
			await setCostKey(database.db, coordinator, id, { kind: 'equal' });
			await saveCostYear(database.db, staffNaunhof, id, { year: 2026, budget: 1, actual: 0 });
		}
		const after = await shares();
		// each measure's one cent goes to the lowest AGS of the three; splitting the two cents together would give Brandis one
		expect([...after].map(([ags, cents]) => [ags, cents - (before.get(ags) ?? 0)]).filter(([, d]) => d !== 0)).toEqual([[BORSDORF, 2]]);
	});
});

describe('demo data', () => {
	it('is seeded only into an installation without measures', async () => {
		expect(await seedDemoCooperation(database.db)).toBe(0);
	});
});
