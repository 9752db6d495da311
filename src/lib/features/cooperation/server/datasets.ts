import type { Db } from '#lib/server/db/client.ts';
import type { CsvColumn } from '#lib/server/opendata/csv.ts';
import * as queries from './queries.ts';
import type { MeasureFilter } from './queries.ts';
import { listMeasures } from './service.ts';
import { applicationRecord, indicatorRecord, measureRecord, sharesCell, type MeasureRecord } from './presenter.ts';

/**
 * The cooperation's public datasets, page by page in id order (keyset). The CSV files, the JSON
 * API and the open data catalogue read them here, always with public visibility.
 */
export async function measuresPage(db: Db, filter: Omit<MeasureFilter, 'visibility'>, limit: number, afterId = 0, origin = '') {
	const rows = await listMeasures(db, { ...filter, visibility: 'public', afterId, limit: limit + 1 });
	const page = rows.slice(0, limit);
	return { rows: page.map((r) => measureRecord(r, origin)), next: rows.length > limit ? page[page.length - 1].measure.id : undefined };
}

export async function applicationsPage(db: Db, limit: number, afterId = 0) {
	const rows = await queries.listApplications(db, { visibility: 'public' }, limit + 1, afterId);
	const page = rows.slice(0, limit);
	return { rows: page.map(applicationRecord), next: rows.length > limit ? page[page.length - 1].application.id : undefined };
}

export async function programmesPage(db: Db, limit: number, afterId = 0) {
	const rows = await queries.listProgrammes(db, { afterId, limit: limit + 1 });
	const page = rows.slice(0, limit);
	const fields = await queries.programmeFields(
		db,
		page.map((p) => p.id)
	);
	return {
		rows: page.map((p) => ({ ...p, actionFields: fields.filter((f) => f.programmeId === p.id).map((f) => f.number) })),
		next: rows.length > limit ? page[page.length - 1].id : undefined
	};
}

/** Indicators of Leitziele and of public measures, with their measurements. */
export async function indicatorsPage(db: Db, limit: number, afterId = 0) {
	const rows = await queries.listIndicators(db, 'public', limit + 1, afterId);
	const page = rows.slice(0, limit);
	const values = await queries.listIndicatorValues(
		db,
		page.map((r) => r.indicator.id)
	);
	return {
		rows: page.map((r) => indicatorRecord({ ...r.indicator, goalNumber: r.goalNumber, values: values.filter((v) => v.indicatorId === r.indicator.id) })),
		next: rows.length > limit ? page[page.length - 1].indicator.id : undefined
	};
}

export const measureCsvColumns: CsvColumn<MeasureRecord>[] = [
	{ name: 'id', value: (m) => m.id },
	{ name: 'title', value: (m) => m.title },
	{ name: 'status', value: (m) => m.status },
	{ name: 'progress', value: (m) => m.progress },
	{ name: 'lead_municipality', value: (m) => m.leadMunicipality },
	{ name: 'participants', value: (m) => m.participants.join(';') },
	{ name: 'action_fields', value: (m) => m.actionFields.join(';') },
	{ name: 'goals', value: (m) => m.goals.join(';') },
	{ name: 'start_on', value: (m) => m.startOn },
	{ name: 'end_on', value: (m) => m.endOn },
	{ name: 'lighthouse', value: (m) => m.lighthouse },
	{ name: 'budget_total_cents', value: (m) => m.budgetTotalCents },
	{ name: 'actual_total_cents', value: (m) => m.actualTotalCents },
	{ name: 'cost_key', value: (m) => m.costKey },
	{ name: 'cost_shares', value: (m) => sharesCell(m.costShares) },
	{ name: 'updated_at', value: (m) => m.updatedAt },
	{ name: 'url', value: (m) => m.url }
];

type ApplicationRecord = ReturnType<typeof applicationRecord>;
export const applicationCsvColumns: CsvColumn<ApplicationRecord>[] = [
	{ name: 'id', value: (a) => a.id },
	{ name: 'measure', value: (a) => a.measure },
	{ name: 'measure_title', value: (a) => a.measureTitle },
	{ name: 'programme', value: (a) => a.programmeName },
	{ name: 'funder', value: (a) => a.funder },
	{ name: 'status', value: (a) => a.status },
	{ name: 'eligible_costs_cents', value: (a) => a.eligibleCostsCents },
	{ name: 'requested_cents', value: (a) => a.requestedCents },
	{ name: 'granted_cents', value: (a) => a.grantedCents },
	{ name: 'own_share_cents', value: (a) => a.ownShareCents },
	{ name: 'own_shares', value: (a) => sharesCell(a.ownShares) },
	{ name: 'submitted_on', value: (a) => a.submittedOn },
	{ name: 'granted_on', value: (a) => a.grantedOn },
	{ name: 'proof_due_on', value: (a) => a.proofDueOn }
];
