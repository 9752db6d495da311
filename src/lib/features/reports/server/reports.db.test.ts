import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { countMailsTo, lastMailTo, tokenIn } from '../../../../../test/outbox.ts';
import { east, pointInside, pointsAtBorder, type Point } from '../../../../../test/places.ts';
import { queryRows } from '#lib/server/db/client.ts';
import { ForbiddenError, guestActor, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { localStorage } from '#lib/server/storage/index.ts';
import { authenticate, loadActor } from '../../accounts/server/service.ts';
import { DEMO_PASSWORD } from '../../accounts/server/seed.ts';
import { listAuditLog } from '../../audit/server/service.ts';
import { claimStatisticsRefresh } from './queries.ts';
import { reportInputSchema, statusChangeSchema, type ReportInput } from '../schemas.ts';
import {
	addReportNote,
	changeReportStatus,
	confirmReport,
	createReport,
	getReportForStaff,
	handOverReport,
	listReports,
	purgeOrphanPhotos,
	purgeUnconfirmedReports,
	releaseReport,
	ReportError,
	storeUploadedPhoto,
	supportReport,
	confirmSupport,
	countSupports,
	askReporter,
	findQuestion,
	answerQuestion,
	reportStatisticsForYear,
	publicStatisticsForYear as publicStatisticsOfYear,
	STATISTICS_MAX_AGE_MS,
	listPublicReports,
	addRoutingRule,
	layerFromGeoJson,
	setRoutingRuleActive,
	addTeam,
	removeTeam,
	listTeamsOf,
	listInbox,
	assignReport
} from './service.ts';
import { eraseReporterData, escalateOverdueReports, sendDigests } from './retention.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const ctx = { origin: 'https://partheland.example' };
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-uploads-'));
const storage = localStorage(uploads);
const BORSDORF = '14729060';
const BRANDIS = '14729070';
const NAUNHOF = '14729300';
let inBorsdorf: Point;
let inNaunhof: Point;

beforeAll(async () => {
	database = await openTestDatabase();
	inBorsdorf = await pointInside(database.db, BORSDORF);
	inNaunhof = await pointInside(database.db, NAUNHOF);
});
afterAll(async () => {
	await database?.drop();
	fs.rmSync(uploads, { recursive: true, force: true });
});

async function actorFor(email: string): Promise<Actor> {
	const account = await authenticate(database.db, email, DEMO_PASSWORD);
	return (await loadActor(database.db, account!.id))!;
}

/** Form-like input through the same schema the form and the API use. */
function input(values: Record<string, unknown>): ReportInput {
	return reportInputSchema.parse({
		category: 'sonstiges',
		description: 'Der Gullydeckel klappert laut bei jedem Auto.',
		...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]))
	});
}

async function report(values: Record<string, unknown>, actor: Actor = guestActor, opts = {}) {
	return createReport(database.db, storage, actor, input({ email: 'melder@example.org', ...values }), { duplicatesSeen: true, ...opts }, ctx);
}

const count = async (table: string) => (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int n from ${table}`)))[0].n;

describe('routing by the boundaries', () => {
	it('sends a point inside a member to that member', async () => {
		const result = await report({ lat: inBorsdorf.lat, lon: inBorsdorf.lon });
		expect(result.kind).toBe('created');
		const [row] = await queryRows<{ ags: string }>(database.db, sql`select m.ags from report r join municipality m on m.id = r.municipality_id order by r.id desc limit 1`);
		expect(row.ags).toBe(BORSDORF);
	});

	it('asks which municipality is meant on and within 100 m of a shared border, and takes the choice', async () => {
		const { onLine, inB } = await pointsAtBorder(database.db, BORSDORF, BRANDIS);
		for (const p of [onLine, inB, east(inB, 10)]) {
			const result = await report({ lat: p.lat, lon: p.lon });
			expect(result.kind).toBe('chooseMunicipality');
			if (result.kind !== 'chooseMunicipality') return;
			expect(result.options.map((o) => o.ags).sort()).toEqual([BORSDORF, BRANDIS]);
		}
		const chosen = await report({ lat: inB.lat, lon: inB.lon, municipality: BORSDORF });
		expect(chosen.kind).toBe('created');
		const [row] = await queryRows<{ ags: string }>(database.db, sql`select m.ags from report r join municipality m on m.id = r.municipality_id order by r.id desc limit 1`);
		expect(row.ags).toBe(BORSDORF);
		// a choice outside the options is not taken
		const other = await report({ lat: inB.lat, lon: inB.lon, municipality: NAUNHOF });
		expect(other.kind).toBe('chooseMunicipality');
	});

	it('refuses a point outside the region, names where it lies, and stores nothing', async () => {
		const before = await count('report');
		const leipzig = { lat: 51.3397, lon: 12.3731 };
		const error = await report(leipzig).catch((e: ReportError) => e);
		expect(error).toBeInstanceOf(ReportError);
		expect((error as ReportError).key).toBe('report.err.outsideNamed');
		expect((error as ReportError).params).toEqual({ place: 'Leipzig', district: 'Kreisfreie Stadt Leipzig' });
		const beyond = await report({ lat: 48.1374, lon: 11.5755 }).catch((e: ReportError) => e); // Munich: no reference loaded for Bavaria
		expect((beyond as ReportError).key).toBe('report.err.outside');
		expect(await count('report')).toBe(before);
	});

	it('takes a report without a point by municipality, Ortsteil and description of the place', async () => {
		const [district] = await queryRows<{ id: number }>(database.db, sql`select d.id from district d join municipality m on m.id = d.municipality_id where m.ags = ${NAUNHOF} limit 1`);
		const result = await report({ municipality: NAUNHOF, district: String(district.id), placeDescription: 'Am Sportplatz, hinter dem Vereinsheim' });
		expect(result.kind).toBe('created');
		const noPlace = await report({ municipality: NAUNHOF }).catch((e: ReportError) => e);
		expect((noPlace as ReportError).field).toBe('placeDescription');
	});
});

describe('extra questions and input', () => {
	it('checks required and listed answers against the category', async () => {
		const missing = await report({ category: 'strassenschaeden', lat: inBorsdorf.lat, lon: inBorsdorf.lon }).catch((e: ReportError) => e);
		expect((missing as ReportError).field).toBe('attribute.flaeche');
		const wrong = await report({ category: 'strassenschaeden', lat: inBorsdorf.lat, lon: inBorsdorf.lon, attributes: { flaeche: 'dach' } }).catch((e: ReportError) => e);
		expect((wrong as ReportError).key).toBe('report.err.attribute');
		const ok = await report({ category: 'strassenschaeden', lat: inBorsdorf.lat, lon: inBorsdorf.lon, attributes: { flaeche: 'gehweg', unbekannt: 'x' } });
		expect(ok.kind).toBe('created');
		if (ok.kind !== 'created') return;
		const [row] = await queryRows<{ attributes: unknown }>(database.db, sql`select attributes from report where id = ${ok.id}`);
		expect(row.attributes).toEqual({ flaeche: 'gehweg' });
		const multi = await report({ category: 'muellablagerung', lat: inNaunhof.lat, lon: inNaunhof.lon, attributes: { abfallart: ['reifen', 'bauschutt', 'reifen'] } });
		expect(multi.kind).toBe('created');
	});

	it('refuses an unknown category and a guest without an address', async () => {
		expect(((await report({ category: 'gibtsnicht', lat: inBorsdorf.lat, lon: inBorsdorf.lon }).catch((e) => e)) as ReportError).field).toBe('category');
		const noEmail = await createReport(database.db, storage, guestActor, input({ lat: inBorsdorf.lat, lon: inBorsdorf.lon }), { duplicatesSeen: true }, ctx).catch((e) => e);
		expect((noEmail as ReportError).field).toBe('email');
	});

	it('limits the description to 4,000 characters in the schema', () => {
		const long = reportInputSchema.safeParse({ category: 'sonstiges', municipality: NAUNHOF, description: 'x'.repeat(4001) });
		expect(long.success).toBe(false);
		expect(long.error?.issues[0].message).toBe('report.err.descriptionLong');
	});
});

describe('confirmation by e-mail', () => {
	it('keeps a guest report unrouted until the link is used, then tells the municipality', async () => {
		const mailbox = 'anliegen@borsdorf.partheland.example';
		const before = await countMailsTo(database.db, mailbox);
		const result = await report({ lat: inBorsdorf.lat, lon: inBorsdorf.lon, email: 'gast@example.org' });
		if (result.kind !== 'created') throw new Error(result.kind);
		expect(result.needsConfirmation).toBe(true);
		expect(await countMailsTo(database.db, mailbox)).toBe(before);
		const { items } = await publicList();
		expect(items.some((r) => r.id === result.id)).toBe(false);

		const token = tokenIn(await lastMailTo(database.db, 'gast@example.org'), '/anliegen/bestaetigen/');
		const confirmed = await confirmReport(database.db, token, ctx);
		expect(confirmed?.id).toBe(result.id);
		expect(await countMailsTo(database.db, mailbox)).toBe(before + 1);
		expect((await lastMailTo(database.db, mailbox)).body).toContain(`/verwaltung/anliegen/${result.id}`);
		expect(await confirmReport(database.db, token, ctx)).toBeUndefined();
		expect((await publicList()).items.some((r) => r.id === result.id)).toBe(true);
	});

	it('skips the confirmation for a signed-in user with a verified address', async () => {
		const citizen = await actorFor('buerger@partheland.example');
		const result = await createReport(database.db, storage, citizen, input({ lat: inNaunhof.lat, lon: inNaunhof.lon }), { duplicatesSeen: true }, ctx);
		expect(result.kind === 'created' && result.needsConfirmation).toBe(false);
		const [row] = await queryRows<{ reporter_email: string; confirmed_at: Date | null }>(database.db, sql`select reporter_email, confirmed_at from report where id = ${(result as { id: number }).id}`);
		expect(row.reporter_email).toBe('buerger@partheland.example');
		expect(row.confirmed_at).not.toBeNull();
	});

	it('deletes reports never confirmed after seven days', async () => {
		const result = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon, email: 'vergesslich@example.org' });
		const id = (result as { id: number }).id;
		expect(await purgeUnconfirmedReports(database.db, new Date(Date.now() + 6 * 86_400_000))).toBe(0);
		expect(await purgeUnconfirmedReports(database.db, new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
		expect(await queryRows(database.db, sql`select id from report where id = ${id}`)).toHaveLength(0);
	});
});

async function publicList() {
	const rows = await listReports(database.db, { publicOnly: true, limit: 200 });
	return { items: rows };
}

describe('duplicates', () => {
	it('offers open reports of the same category within 50 m, not farther or of another category', async () => {
		const citizen = await actorFor('buerger@partheland.example');
		const spot = east(inNaunhof, 500);
		const first = await createReport(database.db, storage, citizen, input({ category: 'winterdienst', lat: spot.lat, lon: spot.lon }), {}, ctx);
		expect(first.kind).toBe('created');
		const near = east(spot, 30);
		const second = await createReport(database.db, storage, citizen, input({ category: 'winterdienst', lat: near.lat, lon: near.lon }), {}, ctx);
		expect(second.kind).toBe('duplicates');
		if (second.kind !== 'duplicates') return;
		expect(second.candidates.map((c) => c.id)).toContain((first as { id: number }).id);
		expect(second.candidates[0].distance).toBeGreaterThanOrEqual(28);
		expect(second.candidates[0].distance).toBeLessThanOrEqual(32);
		const far = east(spot, 70);
		expect((await createReport(database.db, storage, citizen, input({ category: 'winterdienst', lat: far.lat, lon: far.lon }), {}, ctx)).kind).toBe('created');
		expect((await createReport(database.db, storage, citizen, input({ category: 'gewaesser', lat: near.lat, lon: near.lon }), {}, ctx)).kind).toBe('created');
		// seen and reported anyway
		expect((await createReport(database.db, storage, citizen, input({ category: 'winterdienst', lat: near.lat, lon: near.lon }), { duplicatesSeen: true }, ctx)).kind).toBe('created');
	});
});

describe('photos', () => {
	it('stores cleaned photos with the report; refused uploads and failed submissions leave nothing', async () => {
		const jpeg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#884422' } })
			.jpeg()
			.withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 19/1 0/1' } })
			.toBuffer();
		const key = await storeUploadedPhoto(storage, jpeg);
		expect(fs.existsSync(path.join(uploads, key))).toBe(true);
		expect((await sharp(path.join(uploads, key)).metadata()).exif).toBeUndefined();

		const refused = await storeUploadedPhoto(storage, Buffer.from('kein Bild')).catch((e: ReportError) => e);
		expect((refused as ReportError).key).toBe('report.err.photoUnreadable');

		const result = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon }, guestActor, { photos: [key] });
		const photos = await queryRows<{ file_key: string; width: number; state: string }>(database.db, sql`select file_key, width, state from report_photo where report_id = ${(result as { id: number }).id}`);
		expect(photos).toEqual([{ file_key: key, width: 1600, state: 'pending' }]);

		// the same form sent twice: the second report does not take the photos already attached
		const twice = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon }, guestActor, { photos: [key] }).catch((x: ReportError) => x);
		expect((twice as ReportError).key).toBe('report.err.photoUsed');
		// a key nobody uploaded, or another path, is refused before anything is written
		const before = await count('report');
		for (const bad of ['reports/2026-11/00000000-0000-0000-0000-000000000000.webp', '../../etc/passwd']) {
			const e = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon }, guestActor, { photos: [bad] }).catch((x: ReportError) => x);
			expect((e as ReportError).key).toBe('report.err.photoMissing');
		}
		expect(await count('report')).toBe(before);

		// an upload never attached is removed by the clean-up, an attached one stays
		const orphan = await storeUploadedPhoto(storage, jpeg);
		expect(await purgeOrphanPhotos(database.db, storage, new Date(Date.now() + 60_000))).toBe(2); // image and thumbnail
		expect(fs.existsSync(path.join(uploads, orphan))).toBe(false);
		expect(fs.existsSync(path.join(uploads, key))).toBe(true);
	});
});

describe('processing by staff', () => {
	let id: number;
	beforeAll(async () => {
		const created = await report({ lat: inBorsdorf.lat, lon: inBorsdorf.lon, email: 'anwohner@example.org', name: 'Anna Anwohner' }, await actorFor('buerger@partheland.example'));
		id = (created as { id: number }).id;
	});

	it("lets only the responsible municipality's staff read and process it", async () => {
		const borsdorf = await actorFor('redaktion.borsdorf@partheland.example');
		const naunhof = await actorFor('admin.naunhof@partheland.example');
		const coordinator = await actorFor('koordination.demo@partheland.example');
		expect((await getReportForStaff(database.db, borsdorf, id)).canProcess).toBe(true);
		await expect(getReportForStaff(database.db, naunhof, id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getReportForStaff(database.db, coordinator, id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getReportForStaff(database.db, borsdorf, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		await expect(changeReportStatus(database.db, naunhof, id, { status: 'done', message: '', note: '' }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('changes the status with a public message, tells the reporter, and logs it', async () => {
		const staff = await actorFor('redaktion.borsdorf@partheland.example');
		await changeReportStatus(database.db, staff, id, { status: 'in_progress', message: 'Der Bauhof ist informiert.', note: '' }, ctx);
		const mail = await lastMailTo(database.db, 'buerger@partheland.example');
		expect(mail.subject).toContain('in Bearbeitung');
		expect(mail.body).toContain('Der Bauhof ist informiert.');
		expect(mail.body).toContain(`/anliegen/${id}`);
		await expect(changeReportStatus(database.db, staff, id, { status: 'in_progress', message: '', note: '' }, ctx)).rejects.toBeInstanceOf(ReportError);
		const detail = await getReportForStaff(database.db, staff, id);
		expect(detail.report.firstResponseAt).not.toBeNull();
		expect(detail.events.filter((e) => e.event.isPublic).map((e) => e.event.status)).toEqual(['received', 'in_progress']);
		const log = await listAuditLog(database.db, await actorFor('admin.borsdorf@partheland.example'), { action: 'report.status', limit: 10 });
		expect(log.some((e) => e.action === 'report.status' && e.entityId === String(id))).toBe(true);
		expect(JSON.stringify(log)).not.toContain('anwohner@example.org');
	});

	it('keeps notes internal and publishes only released text', async () => {
		const staff = await actorFor('redaktion.borsdorf@partheland.example');
		await addReportNote(database.db, staff, id, 'Intern: Kollege Müller fährt morgen hin.');
		let row = (await publicList()).items.find((r) => r.id === id)!;
		expect(row.publicDescription).toBeNull();
		await releaseReport(database.db, staff, id, { publicDescription: 'Der Gullydeckel klappert.', photos: {} });
		row = (await publicList()).items.find((r) => r.id === id)!;
		expect(row.publicDescription).toBe('Der Gullydeckel klappert.');
	});

	it('hands over to another member: it becomes responsible, the former keeps reading', async () => {
		const borsdorf = await actorFor('redaktion.borsdorf@partheland.example');
		const naunhof = await actorFor('admin.naunhof@partheland.example');
		await handOverReport(database.db, borsdorf, id, NAUNHOF, 'Liegt auf Naunhofer Flur.', ctx);
		const forNaunhof = await getReportForStaff(database.db, naunhof, id);
		expect(forNaunhof.canProcess).toBe(true);
		expect(forNaunhof.report.status).toBe('in_progress');
		const forBorsdorf = await getReportForStaff(database.db, borsdorf, id);
		expect(forBorsdorf.canProcess).toBe(false);
		await expect(changeReportStatus(database.db, borsdorf, id, { status: 'done', message: '', note: '' }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		expect((await lastMailTo(database.db, 'anliegen@naunhof.partheland.example')).subject).toContain(`Nr. ${id}`);
		await changeReportStatus(database.db, naunhof, id, { status: 'rejected', message: '', note: 'Privatgrundstück' }, ctx);
		const closed = await getReportForStaff(database.db, naunhof, id);
		expect(closed.report.closedAt).not.toBeNull();
		expect(closed.report.statusNote).toBe('Privatgrundstück');
	});
});

describe('erasure of the reporter (DSGVO)', () => {
	/** Every text and JSON column of every table, including the job queue's, searched for a string. */
	async function placesHolding(needle: string) {
		const columns = await queryRows<{ schema: string; table: string; column: string }>(
			database.db,
			sql`select table_schema as schema, table_name as table, column_name as column from information_schema.columns
				where table_schema in ('public', 'pgboss') and data_type in ('text', 'character varying', 'jsonb', 'json')
				and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema = columns.table_schema)`
		);
		const found: string[] = [];
		for (const c of columns) {
			const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from "${c.schema}"."${c.table}" where "${c.column}"::text ilike '%${needle.replace(/'/g, "''")}%'`));
			if (row.n) found.push(`${c.schema}.${c.table}.${c.column}`);
		}
		return found;
	}

	it('erases name and address everywhere some days after closing, and only then', async () => {
		const email = 'erika.loeschbar@example.org';
		const name = 'Erika Löschbar';
		const created = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon, email, name, description: `Ich, ${name}, melde einen umgestürzten Baum.` });
		if (created.kind !== 'created') throw new Error(created.kind);
		const token = tokenIn(await lastMailTo(database.db, email), '/anliegen/bestaetigen/');
		await confirmReport(database.db, token, ctx);
		const staff = await actorFor('admin.naunhof@partheland.example');
		await releaseReport(database.db, staff, created.id, { publicDescription: `Meldung von ${name}: Baum umgestürzt.`, photos: {} });
		await addReportNote(database.db, staff, created.id, `Rückruf bei ${name} unter ${email} vereinbart.`);
		await changeReportStatus(database.db, staff, created.id, { status: 'done', message: 'Der Baum ist beseitigt.', note: '' }, ctx);
		expect((await placesHolding(email)).length).toBeGreaterThan(0);

		// not yet: the period runs from closing
		expect(await eraseReporterData(database.db, 90, new Date(Date.now() + 89 * 86_400_000))).toBe(0);
		expect(await placesHolding(email)).toContain('public.report.reporter_email');

		expect(await eraseReporterData(database.db, 90, new Date(Date.now() + 91 * 86_400_000))).toBeGreaterThanOrEqual(1);
		expect(await placesHolding(email)).toEqual([]);
		expect(await placesHolding(name)).toEqual([]);
		const detail = await getReportForStaff(database.db, staff, created.id);
		expect(detail.report.erasedAt).not.toBeNull();
		expect(detail.report.description).toBe('Ich, [gelöscht], melde einen umgestürzten Baum.');
		expect(detail.events.at(-1)?.event.kind).toBe('erased');
		// erasing again finds nothing to do
		expect(await eraseReporterData(database.db, 90, new Date(Date.now() + 92 * 86_400_000))).toBe(0);
	});
});

describe('escalation', () => {
	it('names reports without a first response to the mailbox once', async () => {
		const created = await report({ lat: inBorsdorf.lat, lon: inBorsdorf.lon }, await actorFor('buerger@partheland.example'));
		const id = (created as { id: number }).id;
		const mailbox = 'anliegen@borsdorf.partheland.example';
		const later = new Date(Date.now() + 6 * 86_400_000);
		const first = await escalateOverdueReports(database.db, 5, ctx, later);
		expect(first.reports).toBeGreaterThanOrEqual(1);
		const mail = await lastMailTo(database.db, mailbox);
		expect(mail.subject).toMatch(/Anliegen ohne Reaktion \(Borsdorf\)/);
		expect(mail.body).toContain(`/verwaltung/anliegen/${id}`);
		const again = await escalateOverdueReports(database.db, 5, ctx, later);
		expect(again.reports).toBe(0);
	});
});

describe('supports', () => {
	it('counts a verified account at once and a guest after the link, once each; supporters who asked hear of changes', async () => {
		const created = await report({ lat: inBorsdorf.lat, lon: inBorsdorf.lon }, await actorFor('buerger@partheland.example'));
		const id = (created as { id: number }).id;
		const coordinator = await actorFor('koordination.demo@partheland.example');
		expect((await supportReport(database.db, coordinator, id, { notify: true, locale: 'de' }, ctx)).kind).toBe('supported');
		expect((await supportReport(database.db, coordinator, id, { notify: true, locale: 'de' }, ctx)).kind).toBe('already');
		const guest = await supportReport(database.db, guestActor, id, { email: 'Nachbarin@Example.org', notify: true, locale: 'en' }, ctx);
		expect(guest.kind).toBe('confirmationSent');
		expect(await countSupports(database.db, id)).toBe(1);
		// asking again looks the same and sends nothing new
		const again = await supportReport(database.db, guestActor, id, { email: 'nachbarin@example.org', notify: true, locale: 'en' }, ctx);
		expect(again).toEqual({ kind: 'confirmationSent', mailIds: [] });
		const token = tokenIn(await lastMailTo(database.db, 'nachbarin@example.org'), '/anliegen/unterstuetzen/');
		expect(await confirmSupport(database.db, token)).toBe(id);
		expect(await confirmSupport(database.db, token)).toBeUndefined();
		expect(await countSupports(database.db, id)).toBe(2);
		expect((await supportReport(database.db, guestActor, id, { email: 'kaputt', notify: false, locale: 'de' }, ctx).catch((e) => e)).field).toBe('email');

		const staff = await actorFor('admin.borsdorf@partheland.example');
		await changeReportStatus(database.db, staff, id, { status: 'in_progress', message: '', note: '' }, ctx);
		expect((await lastMailTo(database.db, 'nachbarin@example.org')).subject).toBe(`Your report no. ${id}: in progress`);
		expect((await lastMailTo(database.db, 'koordination.demo@partheland.example')).body).toContain('das Sie unterstützen');
		await changeReportStatus(database.db, staff, id, { status: 'done', message: '', note: '' }, ctx);
		await expect(supportReport(database.db, coordinator, id, { notify: false, locale: 'de' }, ctx)).rejects.toBeInstanceOf(ReportError);
		// supporters' addresses go with the reporter's at erasure
		await eraseReporterData(database.db, 90, new Date(Date.now() + 91 * 86_400_000));
		const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int n from report_support where report_id = ${id} and (email is not null or account_id is not null)`);
		expect(left.n).toBe(0);
		const [mails] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int n from mail_outbox where recipient ilike 'nachbarin@example.org'`);
		expect(mails.n).toBe(0);
		expect(await countSupports(database.db, id)).toBe(2);
	});
});

describe('questions to the reporter', () => {
	it('asks by e-mail; the answer lands once in the internal history', async () => {
		const created = await report({ lat: inNaunhof.lat, lon: inNaunhof.lon }, await actorFor('buerger@partheland.example'));
		const id = (created as { id: number }).id;
		const staff = await actorFor('vg.naunhof@partheland.example');
		await askReporter(database.db, staff, id, 'Auf welcher Straßenseite genau?', ctx);
		const mail = await lastMailTo(database.db, 'buerger@partheland.example');
		expect(mail.body).toContain('Auf welcher Straßenseite genau?');
		const token = tokenIn(mail, '/anliegen/antwort/');
		expect((await findQuestion(database.db, token))?.question).toBe('Auf welcher Straßenseite genau?');
		expect((await answerQuestion(database.db, token, 'Auf der Seite mit den geraden Hausnummern.', ctx))?.reportId).toBe(id);
		expect(await answerQuestion(database.db, token, 'Noch einmal', ctx)).toBeUndefined();
		// the person who asked hears of the answer
		const told = await lastMailTo(database.db, 'vg.naunhof@partheland.example');
		expect(told.subject).toContain(`Nr. ${id}`);
		expect(told.body).toContain('geraden Hausnummern');
		const detail = await getReportForStaff(database.db, staff, id);
		const answer = detail.events.find((e) => e.event.kind === 'answer');
		expect(answer?.event).toMatchObject({ text: 'Auf der Seite mit den geraden Hausnummern.', isPublic: false });
		const other = await actorFor('admin.borsdorf@partheland.example');
		await expect(askReporter(database.db, other, id, 'Darf ich auch fragen?', ctx)).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('statistics', () => {
	it('counts per month, municipality and category with medians, public categories only for the public', async () => {
		const year = new Date().getFullYear();
		const publicStats = await reportStatisticsForYear(database.db, null, year);
		expect(publicStats.total!.reports).toBeGreaterThan(0);
		const sum = (rows: { reports: number }[]) => rows.reduce((n, r) => n + r.reports, 0);
		expect(sum(publicStats.byMunicipality)).toBe(publicStats.total!.reports);
		expect(sum(publicStats.byCategory)).toBe(publicStats.total!.reports);
		expect(sum(publicStats.byMonth)).toBe(publicStats.total!.reports);
		// closed with "erledigt" earlier in this file: a median exists and is not negative
		expect(publicStats.total!.done).toBeGreaterThan(0);
		expect(publicStats.total!.medianDoneHours).toBeGreaterThanOrEqual(0);
		expect(publicStats.total!.medianFirstResponseHours).toBeGreaterThanOrEqual(0);

		// a category that is never public disappears from the public numbers, not from the staff's
		await database.db.execute(sql`update report_category set is_public = false where code = 'winterdienst'`);
		const hidden = await reportStatisticsForYear(database.db, null, year);
		expect(hidden.byCategory.some((r) => r.category === 'winterdienst')).toBe(false);
		const staff = await reportStatisticsForYear(database.db, await actorFor('vg.naunhof@partheland.example'), year);
		expect(staff.byCategory.some((r) => r.category === 'winterdienst')).toBe(true);
		expect(staff.byMunicipality.every((r) => ['14729300', '14729020', '14729340'].includes(r.municipality!))).toBe(true);
		// and from every public list
		const { items } = await listPublicReports(database.db, { limit: 500 });
		expect(items.some((r) => r.category.code === 'winterdienst')).toBe(false);
		await database.db.execute(sql`update report_category set is_public = true where code = 'winterdienst'`);
		await expect(reportStatisticsForYear(database.db, await actorFor('koordination.demo@partheland.example'), year)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('serves the public numbers from a snapshot that one process at a time refreshes when it is stale', async () => {
		const year = new Date().getFullYear();
		const start = new Date();
		await database.db.execute(sql`delete from report_statistics_snapshot`);
		// as a national installation: a snapshot however few the reports (a cooperation's are live, below)
		const publicStatisticsForYear = (db: typeof database.db, y: number, at: Date) => publicStatisticsOfYear(db, y, at, 0);
		const first = await publicStatisticsForYear(database.db, year, start);
		const live = await reportStatisticsForYear(database.db, null, year);
		expect(first.total).toEqual(live.total);
		expect(first.computedAt).toEqual(start);

		// the numbers change; a fresh snapshot still shows the old ones
		await database.db.execute(sql`update report_category set is_public = false where code = 'winterdienst'`);
		try {
			const changed = (await reportStatisticsForYear(database.db, null, year)).total!.reports;
			expect(changed).toBeLessThan(first.total!.reports);
			const soon = await publicStatisticsForYear(database.db, year, new Date(start.getTime() + 60_000));
			expect(soon.total!.reports).toBe(first.total!.reports);

			// stale: the visitor gets the previous snapshot at once, one refresh starts in the background
			const later = new Date(start.getTime() + STATISTICS_MAX_AGE_MS + 1000);
			const stale = await publicStatisticsForYear(database.db, year, later);
			expect(stale.total!.reports).toBe(first.total!.reports);
			let refreshed = stale;
			for (let i = 0; i < 100 && refreshed.total!.reports !== changed; i++) {
				await new Promise((r) => setTimeout(r, 100));
				refreshed = await publicStatisticsForYear(database.db, year, new Date(Date.now() + 1000));
			}
			expect(refreshed.total!.reports).toBe(changed);
			expect(refreshed.byCategory.some((r) => r.category === 'winterdienst')).toBe(false);
			// a second process does not refresh while one does; a claim older than ten minutes has died
			const now = new Date();
			expect(await claimStatisticsRefresh(database.db, year, now)).toBe(true);
			expect(await claimStatisticsRefresh(database.db, year, new Date(now.getTime() + 60_000))).toBe(false);
			expect(await claimStatisticsRefresh(database.db, year, new Date(now.getTime() + 11 * 60_000))).toBe(true);
		} finally {
			await database.db.execute(sql`update report_category set is_public = true where code = 'winterdienst'`);
			await database.db.execute(sql`delete from report_statistics_snapshot`);
		}
	});

	it('computes a missing snapshot once, however many ask for it at the same time', async () => {
		const year = new Date().getFullYear();
		await database.db.execute(sql`delete from report_statistics_snapshot`);
		try {
			// three requests of a cold start, each with its own clock: without the lock each would
			// aggregate the year itself and answer with its own time
			const start = Date.now();
			const answers = await Promise.all([0, 1, 2].map((i) => publicStatisticsOfYear(database.db, year, new Date(start + i * 1000), 0)));
			expect(new Set(answers.map((a) => a.computedAt.getTime())).size).toBe(1);
			expect(answers.map((a) => a.total)).toEqual([answers[0].total, answers[0].total, answers[0].total]);
			const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from report_statistics_snapshot where year = ${year}`);
			expect(n).toBe(1);
		} finally {
			await database.db.execute(sql`delete from report_statistics_snapshot`);
		}
	});

	it('computes a cooperation\'s public numbers on every request: a new report counts at once', async () => {
		const year = new Date().getFullYear();
		const before = (await publicStatisticsOfYear(database.db, year)).total!.reports;
		await database.db.execute(sql`update report_category set is_public = false where code = 'winterdienst'`);
		try {
			const after = await publicStatisticsOfYear(database.db, year, new Date(Date.now() + 1000));
			expect(after.total!.reports).toBe((await reportStatisticsForYear(database.db, null, year)).total!.reports);
			expect(after.total!.reports).toBeLessThan(before);
		} finally {
			await database.db.execute(sql`update report_category set is_public = true where code = 'winterdienst'`);
			await database.db.execute(sql`delete from report_statistics_snapshot`);
		}
	});
});

describe('responsibility rules', () => {
	it('forwards road damage near the layer of Kreisstraßen to the Landkreis, and nothing else', async () => {
		const road = { start: east(inBorsdorf, -300), end: east(inBorsdorf, 300) };
		const layer = layerFromGeoJson(
			JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[road.start.lon, road.start.lat], [road.end.lon, road.end.lat]] } }] })
		);
		const rule = await addRoutingRule(database.db, { name: 'Kreisstraßen', categoryCode: 'strassenschaeden', layerGeoJson: layer, bufferMetres: 20, targetName: 'Landkreis Leipzig', targetEmail: 'strassen@landkreis.example' });
		const citizen = await actorFor('buerger@partheland.example');
		const onRoad = { lat: inBorsdorf.lat + 10 / 111_320, lon: inBorsdorf.lon }; // 10 m north of the line
		const offRoad = { lat: inBorsdorf.lat + 200 / 111_320, lon: inBorsdorf.lon };
		const forwarded = await createReport(database.db, storage, citizen, input({ category: 'strassenschaeden', ...onRoad, attributes: { flaeche: 'fahrbahn' } }), { duplicatesSeen: true }, ctx);
		const kept = await createReport(database.db, storage, citizen, input({ category: 'strassenschaeden', ...offRoad, attributes: { flaeche: 'fahrbahn' } }), { duplicatesSeen: true }, ctx);
		const staff = await actorFor('admin.borsdorf@partheland.example');
		const a = await getReportForStaff(database.db, staff, (forwarded as { id: number }).id);
		expect(a.report).toMatchObject({ status: 'forwarded', statusNote: 'Landkreis Leipzig' });
		expect(a.report.closedAt).not.toBeNull();
		const mail = await lastMailTo(database.db, 'strassen@landkreis.example');
		expect(mail.subject).toContain(`Nr. ${a.report.id}`);
		expect(mail.body).toContain('Der Gullydeckel klappert');
		expect(mail.body).not.toContain('buerger@partheland.example');
		expect((await lastMailTo(database.db, 'buerger@partheland.example')).subject).toContain('weitergeleitet');
		const b = await getReportForStaff(database.db, staff, (kept as { id: number }).id);
		expect(b.report.status).toBe('received');
		// another category on the same road is not affected; a switched-off rule does nothing
		const other = await createReport(database.db, storage, citizen, input({ category: 'sonstiges', ...onRoad }), { duplicatesSeen: true }, ctx);
		expect((await getReportForStaff(database.db, staff, (other as { id: number }).id)).report.status).toBe('received');
		await setRoutingRuleActive(database.db, rule.id, false);
		const after = await createReport(database.db, storage, citizen, input({ category: 'strassenschaeden', ...east(onRoad, 3), attributes: { flaeche: 'fahrbahn' } }), { duplicatesSeen: true }, ctx);
		expect((await getReportForStaff(database.db, staff, (after as { id: number }).id)).report.status).toBe('received');
		expect(() => layerFromGeoJson(JSON.stringify({ type: 'Point', coordinates: [12, 51] }))).toThrow();
	});
});

describe('teams and the morning digest', () => {
	it('sends new reports of a team’s categories to the team, lets staff assign teams, and keeps teams per municipality', async () => {
		const admin = await actorFor('admin.borsdorf@partheland.example');
		await addTeam(database.db, admin, BORSDORF, { name: 'Bauhof', email: 'bauhof@borsdorf.example', categoryCodes: ['gruenflaechen-baeume', 'spielplaetze'] });
		await expect(addTeam(database.db, admin, BORSDORF, { name: 'Bauhof', email: null, categoryCodes: [] })).rejects.toBeInstanceOf(ReportError);
		await expect(addTeam(database.db, admin, NAUNHOF, { name: 'Bauhof', email: null, categoryCodes: [] })).rejects.toBeInstanceOf(ForbiddenError);
		const created = await report({ category: 'spielplaetze', lat: inBorsdorf.lat, lon: east(inBorsdorf, 120).lon }, await actorFor('buerger@partheland.example'));
		const id = (created as { id: number }).id;
		expect((await lastMailTo(database.db, 'bauhof@borsdorf.example')).subject).toContain(`Nr. ${id}`);
		const [team] = await listTeamsOf(database.db, (await getReportForStaff(database.db, admin, id)).municipality.id);
		const { items, municipalities } = await listInbox(database.db, admin, { teamId: team.id, limit: 50 });
		expect(items.map((r) => r.id)).toContain(id);
		// the inbox's own members only, for its filter
		expect(municipalities.map((m) => m.ags)).toEqual([BORSDORF]);
		// reassigned to a person, then to nobody
		const editor = await actorFor('redaktion.borsdorf@partheland.example');
		await assignReport(database.db, admin, id, { assigneeId: editor.id });
		expect((await getReportForStaff(database.db, admin, id)).report).toMatchObject({ assigneeId: editor.id, teamId: null });
		await expect(assignReport(database.db, admin, id, { teamId: 999_999 })).rejects.toBeInstanceOf(ReportError);
		await assignReport(database.db, admin, id, { teamId: team.id });
		// handed over, it belongs to nobody of Borsdorf any more
		await handOverReport(database.db, admin, id, NAUNHOF, '', ctx);
		expect((await getReportForStaff(database.db, admin, id)).report).toMatchObject({ assigneeId: null, teamId: null });
		await removeTeam(database.db, admin, BORSDORF, team.id);
		expect(await listTeamsOf(database.db, team.municipalityId)).toEqual([]);
	});

	it('summarises the previous day for municipalities that asked for it', async () => {
		await database.db.execute(sql`update municipality set reports_digest = true where ags = ${NAUNHOF}`);
		const created = await report({ lat: inNaunhof.lat, lon: east(inNaunhof, 150).lon }, await actorFor('buerger@partheland.example'));
		const mailIds = await sendDigests(database.db, ctx, new Date(Date.now() + 60_000));
		expect(mailIds.length).toBeGreaterThanOrEqual(1);
		const mail = await lastMailTo(database.db, 'anliegen@naunhof.partheland.example');
		expect(mail.subject).toMatch(/neue Anliegen für Naunhof/);
		expect(mail.body).toContain(`Nr. ${(created as { id: number }).id}`);
	});
});

describe('forwarding by hand', () => {
	it('sends the facts to the outside body named by staff, closes the report, and keeps the reporter out of it', async () => {
		const created = await report({ lat: inNaunhof.lat, lon: east(inNaunhof, 260).lon, email: 'melderin@example.org', name: 'Mara Melderin' });
		const token = tokenIn(await lastMailTo(database.db, 'melderin@example.org'), '/anliegen/bestaetigen/');
		await confirmReport(database.db, token, ctx);
		const id = (created as { id: number }).id;
		const staff = await actorFor('vg.naunhof@partheland.example');
		await changeReportStatus(database.db, staff, id, { status: 'forwarded', message: '', note: 'Wasserverband', forwardEmail: 'stoerung@wasserverband.example' }, ctx);
		const mail = await lastMailTo(database.db, 'stoerung@wasserverband.example');
		expect(mail.body).toContain('Der Gullydeckel klappert');
		expect(mail.body).not.toContain('melderin@example.org');
		expect(mail.body).not.toContain('Mara');
		expect((await getReportForStaff(database.db, staff, id)).report).toMatchObject({ status: 'forwarded', statusNote: 'Wasserverband' });
		expect(statusChangeSchema.safeParse({ status: 'forwarded', message: '', note: 'X', forwardEmail: 'kaputt' }).success).toBe(false);
	});
});
