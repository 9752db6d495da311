import type { CostKey } from '../costs.ts';
import { fundingOf, ownShare } from './service.ts';
import type { ApplicationRow, IndicatorRow, ProgrammeRow } from './queries.ts';
import type { MeasureRow } from './queries.ts';

/**
 * The public shapes of the cooperation's data: the API, the CSV files and (later) the open data
 * catalogue all use these. Contact persons and who wrote what stay out: they are for the pages.
 */
export type MeasureListItem = {
	measure: MeasureRow;
	progress: number;
	budgetCents: number;
	actualCents: number;
	participants: string[];
	fields: { number: number }[];
	goals: { number: number }[];
	costShares: { municipality: string; amountCents: number }[];
};

export function measureRecord(m: MeasureListItem, origin = '') {
	return {
		id: m.measure.id,
		title: m.measure.title,
		description: m.measure.description,
		status: m.measure.status,
		progress: m.progress,
		progressSetManually: m.measure.manualProgress !== null,
		leadMunicipality: m.measure.leadAgs,
		participants: m.participants,
		actionFields: m.fields.map((f) => f.number),
		goals: m.goals.map((g) => g.number),
		startOn: m.measure.startOn,
		endOn: m.measure.endOn,
		lighthouse: m.measure.lighthouse,
		budgetTotalCents: m.budgetCents,
		actualTotalCents: m.actualCents,
		costKey: m.measure.costKey.kind,
		costShares: m.costShares,
		updatedAt: m.measure.updatedAt.toISOString(),
		url: `${origin}/kooperation/massnahmen/${m.measure.id}`
	};
}
export type MeasureRecord = ReturnType<typeof measureRecord>;

export function programmeRecord(p: ProgrammeRow & { actionFields: number[] }) {
	return {
		id: p.id,
		name: p.name,
		funder: p.funder,
		fundingRateBasisPoints: p.rateBasisPoints,
		maxAmountCents: p.maxAmountCents,
		deadlines: p.deadlines,
		actionFields: p.actionFields,
		link: p.link,
		notes: p.notes,
		active: p.active
	};
}

export function applicationRecord(a: { application: ApplicationRow; programmeName: string; funder: string; measureTitle: string; costKey: CostKey }) {
	const app = a.application;
	const own = ownShare(app, a.costKey);
	return {
		id: app.id,
		measure: app.measureId,
		measureTitle: a.measureTitle,
		programme: app.programmeId,
		programmeName: a.programmeName,
		funder: a.funder,
		status: app.status,
		eligibleCostsCents: app.eligibleCostsCents,
		requestedCents: app.requestedCents,
		grantedCents: app.grantedCents,
		fundingCents: fundingOf(app),
		ownShareCents: own.totalCents,
		ownShares: own.shares,
		submitBy: app.submitBy,
		submittedOn: app.submittedOn,
		grantedOn: app.grantedOn,
		proofDueOn: app.proofDueOn
	};
}

export function indicatorRecord(i: IndicatorRow & { goalNumber: number | null; values: { measuredOn: string; value: number; source: string | null }[] }) {
	return {
		id: i.id,
		name: i.name,
		unit: i.unit,
		baseline: i.baseline,
		target: i.target,
		direction: i.higherIsBetter ? ('higher' as const) : ('lower' as const),
		goal: i.goalNumber,
		measure: i.measureId,
		values: i.values.map((v) => ({ date: v.measuredOn, value: v.value, source: v.source }))
	};
}

/** "14729060:1250000;14729300:1250000": shares in one CSV cell. */
export const sharesCell = (shares: { municipality: string; amountCents: number }[]) => shares.map((s) => `${s.municipality}:${s.amountCents}`).join(';');

