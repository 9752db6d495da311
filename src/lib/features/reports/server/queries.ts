import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '#lib/server/db/client.ts';
import { district, municipality } from '../../region/server/tables.ts';
import { account } from '../../accounts/server/tables.ts';
import { openStatuses, report, reportCategory, reportCategoryAttribute, reportEvent, reportPhoto, reportQuestion, reportSavedView, reportStatisticsSnapshot, reportSupport, reportTeam, routingRule, type ReportStatus } from './tables.ts';
import { isRowId } from '#lib/ids.ts';
import { withinMetres } from '#lib/server/db/geo.ts';

export type CategoryRow = typeof reportCategory.$inferSelect;
export type AttributeRow = typeof reportCategoryAttribute.$inferSelect;

export async function countCategories(db: Db) {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reportCategory);
	return row.n;
}

export async function insertCategory(db: Db, values: typeof reportCategory.$inferInsert, attributes: Omit<typeof reportCategoryAttribute.$inferInsert, 'categoryId'>[]) {
	const [row] = await db.insert(reportCategory).values(values).returning();
	if (attributes.length) await db.insert(reportCategoryAttribute).values(attributes.map((a) => ({ ...a, categoryId: row.id })));
	return row;
}

/** Active categories in their order, each with the number of its extra questions. */
export async function listActiveCategories(db: Db) {
	return db
		.select({
			category: reportCategory,
			// written out: inside a subquery drizzle would leave "id" unqualified (and it would mean the attribute's id)
			attributeCount: sql<number>`(select count(*)::int from report_category_attribute a where a.category_id = "report_category"."id")`
		})
		.from(reportCategory)
		.where(eq(reportCategory.active, true))
		.orderBy(asc(reportCategory.sortOrder), asc(reportCategory.id));
}

export async function findActiveCategory(db: Db, code: string) {
	const [row] = await db.select().from(reportCategory).where(sql`${reportCategory.code} = ${code} and ${reportCategory.active}`);
	return row;
}

export async function listAttributes(db: Db, categoryId: number) {
	return db.select().from(reportCategoryAttribute).where(eq(reportCategoryAttribute.categoryId, categoryId)).orderBy(asc(reportCategoryAttribute.order));
}

export type ReportRow = typeof report.$inferSelect;
export type ReportInsert = typeof report.$inferInsert;
export type PhotoRow = typeof reportPhoto.$inferSelect;
export type EventRow = typeof reportEvent.$inferSelect;

const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

export async function insertReport(db: Db, values: Omit<ReportInsert, 'location'> & { lon?: number; lat?: number }) {
	const { lon, lat, ...rest } = values;
	const [row] = await db
		.insert(report)
		.values({ ...rest, location: lon !== undefined && lat !== undefined ? point(lon, lat) : null })
		.returning({ id: report.id, token: report.token });
	return row;
}

export async function insertPhotos(db: Db, rows: (typeof reportPhoto.$inferInsert)[]) {
	if (rows.length) await db.insert(reportPhoto).values(rows);
}

export async function insertEvent(db: Db, values: typeof reportEvent.$inferInsert) {
	await db.insert(reportEvent).values(values);
}

export async function updateReport(db: Db, id: number, values: Partial<Omit<ReportInsert, 'location' | 'id'>>) {
	await db
		.update(report)
		.set({ ...values, updatedAt: sql`now()` })
		.where(eq(report.id, id));
}

/** Everything about one report with its category and municipality, for staff and presenters. */
export async function findReport(db: Db, by: { id: number } | { confirmationHash: string } | { token: string }) {
	const where = 'id' in by ? eq(report.id, by.id) : 'token' in by ? eq(report.token, by.token) : eq(report.confirmationHash, by.confirmationHash);
	const [row] = await db
		.select({
			report,
			lon: sql<number | null>`ST_X(${report.location})`,
			lat: sql<number | null>`ST_Y(${report.location})`,
			category: { code: reportCategory.code, name: reportCategory.name, isPublic: reportCategory.isPublic, id: reportCategory.id },
			municipality: { id: municipality.id, ags: municipality.ags, name: municipality.name, slug: municipality.slug, reportsMailbox: municipality.reportsMailbox },
			district: district.name
		})
		.from(report)
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.innerJoin(municipality, eq(municipality.id, report.municipalityId))
		.leftJoin(district, eq(district.id, report.districtId))
		.where(where);
	return row;
}
export type ReportDetail = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function listPhotos(db: Db, reportId: number) {
	return db.select().from(reportPhoto).where(eq(reportPhoto.reportId, reportId)).orderBy(asc(reportPhoto.sortOrder));
}

export async function findPhoto(db: Db, reportId: number, photoId: number) {
	const [row] = await db
		.select()
		.from(reportPhoto)
		.where(and(eq(reportPhoto.reportId, reportId), eq(reportPhoto.id, photoId)));
	return row;
}

export async function setPhotoState(db: Db, reportId: number, photoId: number, state: PhotoRow['state']) {
	const rows = await db
		.update(reportPhoto)
		.set({ state })
		.where(and(eq(reportPhoto.reportId, reportId), eq(reportPhoto.id, photoId)))
		.returning({ id: reportPhoto.id });
	return rows.length > 0;
}

export async function listEvents(db: Db, reportId: number, opts: { publicOnly?: boolean } = {}) {
	return db
		.select({ event: reportEvent, municipality: municipality.name })
		.from(reportEvent)
		.innerJoin(municipality, eq(municipality.id, reportEvent.municipalityId))
		.where(and(eq(reportEvent.reportId, reportId), opts.publicOnly ? eq(reportEvent.isPublic, true) : undefined))
		.orderBy(asc(reportEvent.at), asc(reportEvent.id));
}

/** Municipalities that were responsible for a report at some time (they keep read access). */
export async function formerMunicipalities(db: Db, reportId: number) {
	const rows = await db.selectDistinct({ ags: municipality.ags }).from(reportEvent).innerJoin(municipality, eq(municipality.id, reportEvent.municipalityId)).where(eq(reportEvent.reportId, reportId));
	return rows.map((r) => r.ags);
}

/** Open, confirmed reports of a category within `metres` of a point (possible duplicates). */
export async function findNearbyOpen(db: Db, categoryId: number, lon: number, lat: number, metres: number) {
	return db
		.select({
			id: report.id,
			publicDescription: report.publicDescription,
			status: report.status,
			createdAt: report.createdAt,
			distance: sql<number>`round(ST_Distance(${report.location}::geography, ${point(lon, lat)}::geography))::int`
		})
		.from(report)
		.where(
			and(
				eq(report.categoryId, categoryId),
				inArray(report.status, [...openStatuses]),
				isNotNull(report.confirmedAt),
				withinMetres(report.location, lon, lat, metres)
			)
		)
		.orderBy(sql`5`)
		.limit(5);
}

export type ReportFilter = {
	ids?: number[];
	municipalities?: number[];
	categoryId?: number;
	categoryIds?: number[];
	statuses?: ReportStatus[];
	from?: Date;
	to?: Date;
	bbox?: [number, number, number, number];
	publicOnly?: boolean;
	assignee?: string | null;
	teamId?: number;
	overdueBefore?: Date;
	/** Keyset: the list is ordered newest first by id (ids grow with creation); past this id. */
	beforeId?: number;
	oldestFirst?: boolean;
	/** Open311's page/page_size extension (bounded by the 90-day window). */
	offset?: number;
	limit: number;
};

function filterWhere(f: ReportFilter) {
	return and(
		isNotNull(report.confirmedAt),
		// an id beyond any row (a number from a URL) matches nothing rather than failing the query
		f.ids ? inArray(report.id, f.ids.filter(isRowId).length ? f.ids.filter(isRowId) : [-1]) : undefined,
		f.publicOnly ? eq(reportCategory.isPublic, true) : undefined,
		f.municipalities ? inArray(report.municipalityId, f.municipalities.length ? f.municipalities : [-1]) : undefined,
		f.categoryId !== undefined ? eq(report.categoryId, f.categoryId) : undefined,
		f.categoryIds ? inArray(report.categoryId, f.categoryIds.length ? f.categoryIds : [-1]) : undefined,
		f.statuses?.length ? inArray(report.status, f.statuses) : undefined,
		f.from ? gte(report.createdAt, f.from) : undefined,
		f.to ? lt(report.createdAt, f.to) : undefined,
		f.bbox ? sql`${report.location} && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)` : undefined,
		f.assignee === null ? and(isNull(report.assigneeId), isNull(report.teamId)) : f.assignee ? eq(report.assigneeId, f.assignee) : undefined,
		f.teamId !== undefined ? eq(report.teamId, f.teamId) : undefined,
		f.overdueBefore ? and(isNull(report.firstResponseAt), lt(report.createdAt, f.overdueBefore), inArray(report.status, [...openStatuses])) : undefined,
		f.beforeId !== undefined ? (f.oldestFirst ? gt(report.id, f.beforeId) : lt(report.id, f.beforeId)) : undefined
	);
}

/** A page of reports, newest first, with one row more than asked to tell whether more follow. */
export async function listReports(db: Db, f: ReportFilter) {
	return db
		.select({
			id: report.id,
			status: report.status,
			statusNote: report.statusNote,
			createdAt: report.createdAt,
			updatedAt: report.updatedAt,
			firstResponseAt: report.firstResponseAt,
			publicDescription: report.publicDescription,
			description: report.description,
			address: report.address,
			placeDescription: report.placeDescription,
			lon: sql<number | null>`ST_X(${report.location})`,
			lat: sql<number | null>`ST_Y(${report.location})`,
			category: { code: reportCategory.code, name: reportCategory.name },
			municipality: { ags: municipality.ags, name: municipality.name, slug: municipality.slug },
			district: district.name,
			assignee: account.displayName,
			assigneeId: report.assigneeId,
			team: reportTeam.name,
			teamId: report.teamId,
			photos: sql<number>`(select count(*)::int from report_photo p where p.report_id = "report"."id" and p.state = 'released')`,
			supports: sql<number>`(select count(*)::int from report_support s where s.report_id = "report"."id" and s.confirmed_at is not null)`
		})
		.from(report)
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.innerJoin(municipality, eq(municipality.id, report.municipalityId))
		.leftJoin(district, eq(district.id, report.districtId))
		.leftJoin(account, eq(account.id, report.assigneeId))
		.leftJoin(reportTeam, eq(reportTeam.id, report.teamId))
		.where(filterWhere(f))
		.orderBy(f.oldestFirst ? asc(report.id) : desc(report.id))
		.limit(f.limit + 1)
		.offset(f.offset ?? 0);
}
export type ReportListRow = Awaited<ReturnType<typeof listReports>>[number];

export async function countReports(db: Db, f: Omit<ReportFilter, 'limit' | 'beforeId' | 'offset'>) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(report)
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.where(filterWhere({ ...f, limit: 0 }));
	return row.n;
}

/** Reports waiting for their sender's confirmation longer than allowed: deleted with their photos. */
export async function deleteUnconfirmedBefore(db: Db, before: Date) {
	const rows = await db
		.delete(report)
		.where(and(isNull(report.confirmedAt), lt(report.createdAt, before)))
		.returning({ id: report.id });
	return rows.map((r) => r.id);
}

export async function listFileKeys(db: Db, keys: string[]) {
	if (!keys.length) return new Set<string>();
	const rows = await db
		.select({ fileKey: reportPhoto.fileKey, thumbKey: reportPhoto.thumbKey })
		.from(reportPhoto)
		.where(sql`${reportPhoto.fileKey} in ${keys} or ${reportPhoto.thumbKey} in ${keys}`);
	return new Set(rows.flatMap((r) => [r.fileKey, r.thumbKey]));
}

export async function listSavedViews(db: Db, accountId: string) {
	return db.select().from(reportSavedView).where(eq(reportSavedView.accountId, accountId)).orderBy(asc(reportSavedView.name));
}

export async function upsertSavedView(db: Db, accountId: string, name: string, query: string) {
	await db
		.insert(reportSavedView)
		.values({ accountId, name, query })
		.onConflictDoUpdate({ target: [reportSavedView.accountId, reportSavedView.name], set: { query } });
}

export async function deleteSavedView(db: Db, accountId: string, id: number) {
	await db.delete(reportSavedView).where(and(eq(reportSavedView.accountId, accountId), eq(reportSavedView.id, id)));
}

/** Public events of several reports at once (Open311's status history), oldest first. */
export async function listPublicEventsOf(db: Db, reportIds: number[]) {
	if (!reportIds.length) return [];
	return db
		.select({ reportId: reportEvent.reportId, at: reportEvent.at, kind: reportEvent.kind, status: reportEvent.status, text: reportEvent.text })
		.from(reportEvent)
		.where(and(inArray(reportEvent.reportId, reportIds), eq(reportEvent.isPublic, true)))
		.orderBy(asc(reportEvent.at), asc(reportEvent.id));
}

/** Released photos of several reports (for Open311's media_url). */
export async function listReleasedPhotosOf(db: Db, reportIds: number[]) {
	if (!reportIds.length) return [];
	return db
		.select({ id: reportPhoto.id, reportId: reportPhoto.reportId })
		.from(reportPhoto)
		.where(and(inArray(reportPhoto.reportId, reportIds), eq(reportPhoto.state, 'released')))
		.orderBy(asc(reportPhoto.sortOrder));
}

export async function listCategoriesByCodes(db: Db, codes: string[]) {
	if (!codes.length) return [];
	return db.select({ id: reportCategory.id, code: reportCategory.code }).from(reportCategory).where(inArray(reportCategory.code, codes));
}

/** Closed reports whose reporter data is due for erasure. */
export async function listErasable(db: Db, closedBefore: Date, limit: number) {
	return db
		.select({ id: report.id, reporterName: report.reporterName, reporterEmail: report.reporterEmail, municipalityId: report.municipalityId })
		.from(report)
		.where(and(isNull(report.erasedAt), lt(report.closedAt, closedBefore)))
		.orderBy(asc(report.closedAt))
		.limit(limit);
}

/** Removes the reporter's name and address from a report and from every text of its history. */
export async function eraseReporter(db: Db, id: number, secrets: string[]) {
	const scrub = (column: AnyPgColumn) => secrets.reduce<SQL>((expr, s) => sql`replace(${expr}, ${s}, '[gelöscht]')`, sql`${column}`);
	await db
		.update(report)
		.set({
			reporterName: null,
			reporterEmail: null,
			reporterAccountId: null,
			erasedAt: sql`now()`,
			description: scrub(report.description),
			publicDescription: scrub(report.publicDescription),
			placeDescription: scrub(report.placeDescription),
			address: scrub(report.address)
		})
		.where(eq(report.id, id));
	await db
		.update(reportEvent)
		.set({ text: scrub(reportEvent.text) })
		.where(eq(reportEvent.reportId, id));
}

/** Confirmed open reports without a first response since before `before`, not yet escalated. */
export async function listOverdue(db: Db, before: Date) {
	return db
		.select({ id: report.id, municipalityId: report.municipalityId, confirmedAt: report.confirmedAt, category: reportCategory.name, mailbox: municipality.reportsMailbox, municipality: municipality.name })
		.from(report)
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.innerJoin(municipality, eq(municipality.id, report.municipalityId))
		.where(and(isNull(report.firstResponseAt), isNull(report.escalatedAt), inArray(report.status, [...openStatuses]), lt(report.confirmedAt, before)))
		.orderBy(asc(report.id))
		.limit(1000);
}

export async function markEscalated(db: Db, ids: number[]) {
	if (ids.length) await db.update(report).set({ escalatedAt: sql`now()` }).where(inArray(report.id, ids));
}

export async function insertSupport(db: Db, values: typeof reportSupport.$inferInsert) {
	const [row] = await db.insert(reportSupport).values(values).onConflictDoNothing().returning({ id: reportSupport.id });
	return row;
}

export async function confirmSupport(db: Db, confirmationHash: string) {
	const [row] = await db
		.update(reportSupport)
		.set({ confirmedAt: sql`now()`, confirmationHash: null })
		.where(and(eq(reportSupport.confirmationHash, confirmationHash), isNull(reportSupport.confirmedAt)))
		.returning({ reportId: reportSupport.reportId });
	return row;
}

export async function countSupports(db: Db, reportId: number) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(reportSupport)
		.where(and(eq(reportSupport.reportId, reportId), isNotNull(reportSupport.confirmedAt)));
	return row.n;
}

export async function findSupportOf(db: Db, reportId: number, accountId: string) {
	const [row] = await db.select().from(reportSupport).where(and(eq(reportSupport.reportId, reportId), eq(reportSupport.accountId, accountId)));
	return row;
}

/** Addresses of confirmed supporters who want to hear of changes (accounts' current address). */
export async function listNotifiedSupporters(db: Db, reportId: number) {
	return db
		.select({ email: sql<string>`coalesce(${account.email}, ${reportSupport.email})`, locale: sql<'de' | 'en'>`coalesce(${account.locale}, ${reportSupport.locale})` })
		.from(reportSupport)
		.leftJoin(account, eq(account.id, reportSupport.accountId))
		.where(and(eq(reportSupport.reportId, reportId), eq(reportSupport.notify, true), isNotNull(reportSupport.confirmedAt)));
}

/** Erasure: supporters' addresses of a report (the count stays). */
export async function eraseSupporters(db: Db, reportId: number) {
	const rows = await db
		.update(reportSupport)
		.set({ email: null, accountId: null, notify: false })
		.where(eq(reportSupport.reportId, reportId))
		.returning({ id: reportSupport.id });
	return rows.length;
}

export async function listSupporterEmails(db: Db, reportId: number) {
	const rows = await db.select({ email: reportSupport.email }).from(reportSupport).where(and(eq(reportSupport.reportId, reportId), isNotNull(reportSupport.email)));
	return rows.map((r) => r.email!);
}

export async function deleteUnconfirmedSupportsBefore(db: Db, before: Date) {
	await db.delete(reportSupport).where(and(isNull(reportSupport.confirmedAt), lt(reportSupport.createdAt, before)));
}

export async function insertQuestion(db: Db, values: typeof reportQuestion.$inferInsert) {
	await db.insert(reportQuestion).values(values);
}

/** An unanswered question by its link, if asked after `since`. */
export async function findOpenQuestion(db: Db, tokenHash: string, since: Date) {
	const [row] = await db
		.select()
		.from(reportQuestion)
		.where(and(eq(reportQuestion.tokenHash, tokenHash), isNull(reportQuestion.answeredAt), gt(reportQuestion.askedAt, since)));
	return row;
}

export async function markAnswered(db: Db, id: number) {
	const rows = await db
		.update(reportQuestion)
		.set({ answeredAt: sql`now()` })
		.where(and(eq(reportQuestion.id, id), isNull(reportQuestion.answeredAt)))
		.returning({ id: reportQuestion.id });
	return rows.length > 0;
}

export type StatisticsRow = {
	month: string | null;
	municipality: string | null;
	category: string | null;
	reports: number;
	open: number;
	done: number;
	medianFirstResponseHours: number | null;
	medianDoneHours: number | null;
};

/**
 * Reports per month, per municipality and per category (grouping sets: one pass), with the
 * median hours from confirmation to the first response and to completion ("erledigt").
 */
export async function reportStatistics(db: Db, opts: { from: Date; to: Date; municipalities?: number[]; publicOnly: boolean }) {
	const result = (await db.execute(sql`
		select
			to_char(date_trunc('month', r.confirmed_at at time zone 'Europe/Berlin'), 'YYYY-MM') as "month",
			m.ags as "municipality",
			c.code as "category",
			grouping(to_char(date_trunc('month', r.confirmed_at at time zone 'Europe/Berlin'), 'YYYY-MM')) as g_month,
			grouping(m.ags) as g_municipality,
			grouping(c.code) as g_category,
			count(*)::int as "reports",
			(count(*) filter (where r.status in ('received', 'reviewing', 'in_progress')))::int as "open",
			(count(*) filter (where r.status = 'done'))::int as "done",
			percentile_cont(0.5) within group (order by extract(epoch from r.first_response_at - r.confirmed_at) / 3600) filter (where r.first_response_at is not null) as "medianFirstResponseHours",
			percentile_cont(0.5) within group (order by extract(epoch from r.closed_at - r.confirmed_at) / 3600) filter (where r.status = 'done') as "medianDoneHours"
		from report r
		join municipality m on m.id = r.municipality_id
		join report_category c on c.id = r.category_id
		where r.confirmed_at >= ${opts.from.toISOString()}::timestamptz and r.confirmed_at < ${opts.to.toISOString()}::timestamptz
			${opts.publicOnly ? sql`and c.is_public` : sql``}
			${opts.municipalities ? sql`and r.municipality_id in ${opts.municipalities.length ? opts.municipalities : [-1]}` : sql``}
		group by grouping sets ((1), (2), (3), ())
	`)) as unknown as { rows: (StatisticsRow & { g_month: number; g_municipality: number; g_category: number })[] };
	return result.rows.map((r) => ({
		...r,
		month: r.g_month ? null : r.month,
		municipality: r.g_municipality ? null : r.municipality,
		category: r.g_category ? null : r.category,
		medianFirstResponseHours: r.medianFirstResponseHours === null ? null : Number(r.medianFirstResponseHours),
		medianDoneHours: r.medianDoneHours === null ? null : Number(r.medianDoneHours)
	}));
}

export async function findStatisticsSnapshot(db: Db, year: number) {
	const [row] = await db.select().from(reportStatisticsSnapshot).where(eq(reportStatisticsSnapshot.year, year));
	return row ? { ...row, rows: row.rows as StatisticsRow[] } : undefined;
}

/** Claims the refresh of a year's snapshot: false while another process refreshes it (a claim older than ten minutes has died). */
export async function claimStatisticsRefresh(db: Db, year: number, now: Date) {
	const claimed = await db
		.update(reportStatisticsSnapshot)
		.set({ refreshingSince: now })
		.where(and(eq(reportStatisticsSnapshot.year, year), sql`(${reportStatisticsSnapshot.refreshingSince} is null or ${reportStatisticsSnapshot.refreshingSince} < ${new Date(now.getTime() - 600_000).toISOString()}::timestamptz)`))
		.returning({ year: reportStatisticsSnapshot.year });
	return claimed.length > 0;
}

/** Two-part advisory lock key (this number, the year) under which a year's first snapshot is computed. */
const STATISTICS_LOCK = 72_910_101;

/** Waits for, then holds until the transaction ends, the lock on computing a year's first snapshot. */
export async function lockStatisticsYear(tx: Db, year: number) {
	await tx.execute(sql`select pg_advisory_xact_lock(${STATISTICS_LOCK}, ${year})`);
}

/** For the rest of the transaction: no parallel workers (work nobody waits for leaves cores to requests). */
export async function withoutParallelWorkers(tx: Db) {
	await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
}

export async function saveStatisticsSnapshot(db: Db, year: number, rows: StatisticsRow[], computedAt: Date) {
	await db
		.insert(reportStatisticsSnapshot)
		.values({ year, rows, computedAt })
		.onConflictDoUpdate({ target: reportStatisticsSnapshot.year, set: { rows, computedAt, refreshingSince: null } });
}

/**
 * The first active rule for a report: its category, and (for a rule with a layer) a point
 * within the buffer of the layer, measured in metres. Rules without a layer apply everywhere.
 */
export async function findMatchingRule(db: Db, reportId: number) {
	const [row] = await db
		.select({ id: routingRule.id, name: routingRule.name, targetName: routingRule.targetName, targetEmail: routingRule.targetEmail })
		.from(routingRule)
		.innerJoin(report, eq(report.categoryId, routingRule.categoryId))
		.where(
			and(
				eq(report.id, reportId),
				eq(routingRule.active, true),
				sql`(${routingRule.layer} is null or (${report.location} is not null and ST_DWithin(${routingRule.layer}::geography, ${report.location}::geography, ${routingRule.bufferMetres})))`
			)
		)
		.orderBy(sql`${routingRule.layer} is null`, asc(routingRule.id))
		.limit(1);
	return row;
}

export async function insertRoutingRule(db: Db, values: Omit<typeof routingRule.$inferInsert, 'layer'> & { layerGeoJson?: string }) {
	const { layerGeoJson, ...rest } = values;
	const [row] = await db
		.insert(routingRule)
		.values({ ...rest, layer: layerGeoJson ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${layerGeoJson}), 4326)` : null })
		.returning({ id: routingRule.id });
	return row;
}

export async function listRoutingRules(db: Db) {
	return db
		.select({
			id: routingRule.id,
			name: routingRule.name,
			category: reportCategory.code,
			hasLayer: sql<boolean>`${routingRule.layer} is not null`,
			bufferMetres: routingRule.bufferMetres,
			targetName: routingRule.targetName,
			targetEmail: routingRule.targetEmail,
			active: routingRule.active
		})
		.from(routingRule)
		.innerJoin(reportCategory, eq(reportCategory.id, routingRule.categoryId))
		.orderBy(asc(routingRule.id));
}

export async function setRoutingRuleActive(db: Db, id: number, active: boolean) {
	const rows = await db.update(routingRule).set({ active }).where(eq(routingRule.id, id)).returning({ id: routingRule.id });
	return rows.length > 0;
}

export async function listTeams(db: Db, municipalityIds: number[]) {
	if (!municipalityIds.length) return [];
	return db.select().from(reportTeam).where(inArray(reportTeam.municipalityId, municipalityIds)).orderBy(asc(reportTeam.name));
}

export async function insertTeam(db: Db, values: typeof reportTeam.$inferInsert) {
	const [row] = await db.insert(reportTeam).values(values).onConflictDoNothing().returning({ id: reportTeam.id });
	return row;
}

export async function findTeam(db: Db, id: number) {
	const [row] = await db.select().from(reportTeam).where(eq(reportTeam.id, id));
	return row;
}

export async function deleteTeam(db: Db, id: number) {
	await db.delete(reportTeam).where(eq(reportTeam.id, id));
}

/** The team of a municipality that owns a category (the first by name if several claim it). */
export async function teamForCategory(db: Db, municipalityId: number, categoryCode: string) {
	const [row] = await db
		.select()
		.from(reportTeam)
		.where(and(eq(reportTeam.municipalityId, municipalityId), sql`${reportTeam.categoryCodes} ? ${categoryCode}`))
		.orderBy(asc(reportTeam.name))
		.limit(1);
	return row;
}

/** Reports confirmed in a period, per municipality with a digest (for the morning summary). */
export async function listForDigest(db: Db, from: Date, to: Date) {
	return db
		.select({ id: report.id, municipalityId: report.municipalityId, municipality: municipality.name, mailbox: municipality.reportsMailbox, category: reportCategory.name, status: report.status })
		.from(report)
		.innerJoin(municipality, eq(municipality.id, report.municipalityId))
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.where(and(eq(municipality.reportsDigest, true), isNotNull(municipality.reportsMailbox), gte(report.confirmedAt, from), lt(report.confirmedAt, to)))
		.orderBy(asc(report.id))
		.limit(5000);
}

/** Just what a map needs (id, point, category, status): no texts, no counts, newest first. */
export async function listReportPoints(db: Db, f: ReportFilter) {
	return db
		.select({
			id: report.id,
			status: report.status,
			lon: sql<number>`ST_X(${report.location})`,
			lat: sql<number>`ST_Y(${report.location})`,
			category: reportCategory.name
		})
		.from(report)
		.innerJoin(reportCategory, eq(reportCategory.id, report.categoryId))
		.where(and(filterWhere(f), isNotNull(report.location)))
		.orderBy(desc(report.id))
		.limit(f.limit);
}

/** Every category, active or not, in its order (for the back office). */
export async function listAllCategories(db: Db) {
	return db.select().from(reportCategory).orderBy(asc(reportCategory.sortOrder), asc(reportCategory.id));
}

export async function findCategoryByCode(db: Db, code: string) {
	const [row] = await db.select().from(reportCategory).where(eq(reportCategory.code, code));
	return row;
}

export async function updateCategory(db: Db, id: number, values: Partial<typeof reportCategory.$inferInsert>) {
	await db.update(reportCategory).set({ ...values, updatedAt: sql`now()` }).where(eq(reportCategory.id, id));
}

export async function nextCategoryOrder(db: Db) {
	const [row] = await db.select({ n: sql<number>`coalesce(max(${reportCategory.sortOrder}), -1)::int + 1` }).from(reportCategory);
	return row.n;
}

export async function insertAttribute(db: Db, values: typeof reportCategoryAttribute.$inferInsert) {
	await db.insert(reportCategoryAttribute).values(values);
}

export async function deleteAttribute(db: Db, categoryId: number, code: string) {
	const rows = await db
		.delete(reportCategoryAttribute)
		.where(and(eq(reportCategoryAttribute.categoryId, categoryId), eq(reportCategoryAttribute.code, code)))
		.returning({ id: reportCategoryAttribute.id });
	return rows.length > 0;
}
