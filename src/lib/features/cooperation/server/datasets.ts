import type { Db } from '#lib/server/db/client.ts';
import type { Dataset, DatasetColumn, PersonalField } from '#lib/server/opendata/dataset.ts';
import { lastChange, latest } from '#lib/server/opendata/queries.ts';
import * as queries from './queries.ts';
import type { MeasureFilter } from './queries.ts';
import { listMeasures } from './service.ts';
import { applicationRecord, indicatorRecord, measureRecord, programmeRecord, sharesCell, type MeasureRecord } from './presenter.ts';

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

export const measureCsvColumns: DatasetColumn<MeasureRecord>[] = [
	{ name: 'id', description: 'Nummer der Maßnahme', value: (m) => m.id },
	{ name: 'title', description: 'Titel', value: (m) => m.title },
	{ name: 'status', description: 'Status: idea, planned, in_progress, completed, deferred', value: (m) => m.status },
	{ name: 'progress', description: 'Fortschritt in Prozent (0–100)', value: (m) => m.progress },
	{ name: 'lead_municipality', description: 'AGS der federführenden Kommune', value: (m) => m.leadMunicipality },
	{ name: 'participants', description: 'AGS der beteiligten Kommunen, durch Semikolon getrennt', value: (m) => m.participants.join(';') },
	{ name: 'action_fields', description: 'Nummern der Handlungsfelder des Leitbilds, durch Semikolon getrennt', value: (m) => m.actionFields.join(';') },
	{ name: 'goals', description: 'Nummern der Leitziele, durch Semikolon getrennt', value: (m) => m.goals.join(';') },
	{ name: 'start_on', description: 'Beginn (JJJJ-MM-TT)', value: (m) => m.startOn },
	{ name: 'end_on', description: 'Ende (JJJJ-MM-TT)', value: (m) => m.endOn },
	{ name: 'lighthouse', description: 'Leuchtturmprojekt (true/false)', value: (m) => m.lighthouse },
	{ name: 'budget_total_cents', description: 'Geplante Kosten insgesamt in Cent', value: (m) => m.budgetTotalCents },
	{ name: 'actual_total_cents', description: 'Tatsächliche Kosten insgesamt in Cent', value: (m) => m.actualTotalCents },
	{ name: 'cost_key', description: 'Kostenschlüssel: equal, inhabitants, percentages, lead', value: (m) => m.costKey },
	{ name: 'cost_shares', description: 'Anteil jeder Kommune an den geplanten Kosten in Cent, als AGS:Cent durch Semikolon getrennt', value: (m) => sharesCell(m.costShares) },
	{ name: 'updated_at', description: 'Letzte Änderung (ISO 8601)', value: (m) => m.updatedAt },
	{ name: 'url', description: 'Seite der Maßnahme', value: (m) => m.url }
];

type ApplicationRecord = ReturnType<typeof applicationRecord>;
export const applicationCsvColumns: DatasetColumn<ApplicationRecord>[] = [
	{ name: 'id', description: 'Nummer des Förderantrags', value: (a) => a.id },
	{ name: 'measure', description: 'Nummer der Maßnahme', value: (a) => a.measure },
	{ name: 'measure_title', description: 'Titel der Maßnahme', value: (a) => a.measureTitle },
	{ name: 'programme', description: 'Förderprogramm', value: (a) => a.programmeName },
	{ name: 'funder', description: 'Fördermittelgeber', value: (a) => a.funder },
	{ name: 'status', description: 'Status: preparing, submitted, granted, rejected, settled', value: (a) => a.status },
	{ name: 'eligible_costs_cents', description: 'Förderfähige Kosten in Cent', value: (a) => a.eligibleCostsCents },
	{ name: 'requested_cents', description: 'Beantragte Förderung in Cent', value: (a) => a.requestedCents },
	{ name: 'granted_cents', description: 'Bewilligte Förderung in Cent', value: (a) => a.grantedCents },
	{ name: 'own_share_cents', description: 'Eigenanteil insgesamt in Cent', value: (a) => a.ownShareCents },
	{ name: 'own_shares', description: 'Eigenanteil jeder Kommune, als AGS:Cent durch Semikolon getrennt', value: (a) => sharesCell(a.ownShares) },
	{ name: 'submitted_on', description: 'Eingereicht am (JJJJ-MM-TT)', value: (a) => a.submittedOn },
	{ name: 'granted_on', description: 'Bescheid vom (JJJJ-MM-TT)', value: (a) => a.grantedOn },
	{ name: 'proof_due_on', description: 'Verwendungsnachweis fällig am (JJJJ-MM-TT)', value: (a) => a.proofDueOn }
];

type ProgrammeRecord = Awaited<ReturnType<typeof programmesPage>>['rows'][number];
type IndicatorRecord = ReturnType<typeof indicatorRecord>;

const publicMeasures = 'is_public';
const publicMeasureOf = (column: string) => `exists (select 1 from measure m where m.id = ${column} and m.is_public)`;

export const measuresDataset: Dataset<MeasureRecord, number> = {
	id: 'massnahmen',
	title: { de: 'Gemeinsame Maßnahmen', en: 'Joint measures' },
	description: {
		de: 'Die öffentlichen gemeinsamen Maßnahmen der Kooperation mit Handlungsfeldern und Leitzielen, federführender und beteiligten Kommunen, Status, Fortschritt, Kosten und dem Anteil jeder Kommune nach Kostenschlüssel.',
		en: 'The public joint measures of the cooperation with action fields and goals, lead and participating municipalities, status, progress, costs and each municipality’s share by cost key.'
	},
	keywords: ['Kooperation', 'Maßnahmen', 'Kosten', 'Kostenschlüssel', 'interkommunale Zusammenarbeit'],
	themes: ['GOVE', 'REGI'],
	licence: 'platform',
	columns: measureCsvColumns,
	page: (db, after, limit, origin) => measuresPage(db, {}, limit, after, origin),
	modified: (db) => lastChange(db, 'measure', 'updated_at', publicMeasures)
};

export const fundingApplicationsDataset: Dataset<ApplicationRecord, number> = {
	id: 'foerderantraege',
	title: { de: 'Förderanträge', en: 'Funding applications' },
	description: {
		de: 'Förderanträge der öffentlichen Maßnahmen mit Programm, Fördermittelgeber, Status, beantragten und bewilligten Beträgen und dem Eigenanteil jeder Kommune.',
		en: 'Funding applications of the public measures with programme, funder, status, requested and granted amounts and each municipality’s own share.'
	},
	keywords: ['Fördermittel', 'Förderanträge', 'Eigenanteil', 'Kooperation'],
	themes: ['GOVE', 'ECON'],
	licence: 'platform',
	columns: applicationCsvColumns,
	page: (db, after, limit) => applicationsPage(db, limit, after),
	modified: (db) => lastChange(db, 'funding_application', 'updated_at', publicMeasureOf('measure_id'))
};

export const fundingProgrammesDataset: Dataset<ProgrammeRecord, number> = {
	id: 'foerderprogramme',
	title: { de: 'Förderprogramme', en: 'Funding programmes' },
	description: {
		de: 'Die Förderprogramme, die die Kooperation beobachtet: Fördermittelgeber, Fördersatz, Höchstbetrag, Fristen und die Handlungsfelder, für die sie in Frage kommen.',
		en: 'The funding programmes the cooperation follows: funder, funding rate, maximum amount, deadlines and the action fields they suit.'
	},
	keywords: ['Fördermittel', 'Förderprogramme', 'EU', 'Bund', 'Freistaat Sachsen'],
	themes: ['GOVE', 'ECON'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Programms', value: (p) => p.id },
		{ name: 'name', description: 'Name', value: (p) => p.name },
		{ name: 'funder', description: 'Fördermittelgeber', value: (p) => p.funder },
		{ name: 'rate_basis_points', description: 'Fördersatz in Hundertstel Prozent (7500 = 75 %)', value: (p) => p.rateBasisPoints },
		{ name: 'max_amount_cents', description: 'Höchstbetrag in Cent', value: (p) => p.maxAmountCents },
		{ name: 'deadlines', description: 'Fristen (JJJJ-MM-TT), durch Semikolon getrennt', value: (p) => p.deadlines.map((d) => d.on).join(';') },
		{ name: 'action_fields', description: 'Nummern der Handlungsfelder, durch Semikolon getrennt', value: (p) => p.actionFields.join(';') },
		{ name: 'link', description: 'Seite des Programms', value: (p) => p.link },
		{ name: 'active', description: 'Programm läuft (true/false)', value: (p) => p.active }
	],
	page: (db, after, limit) => programmesPage(db, limit, after),
	record: (p) => programmeRecord(p),
	modified: (db) => lastChange(db, 'funding_programme', 'updated_at')
};

export const indicatorsDataset: Dataset<IndicatorRecord, number> = {
	id: 'indikatoren',
	title: { de: 'Indikatoren und Messwerte', en: 'Indicators and measurements' },
	description: {
		de: 'Indikatoren der Leitziele und der öffentlichen Maßnahmen mit Einheit, Ausgangs- und Zielwert und allen Messwerten (im JSON mit Quelle).',
		en: 'Indicators of the goals and the public measures with unit, baseline and target and every measurement (with its source in the JSON).'
	},
	keywords: ['Indikatoren', 'Wirkung', 'Leitziele', 'Maßnahmen'],
	themes: ['GOVE', 'REGI'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Indikators', value: (i) => i.id },
		{ name: 'name', description: 'Name', value: (i) => i.name },
		{ name: 'unit', description: 'Einheit', value: (i) => i.unit },
		{ name: 'baseline', description: 'Ausgangswert', value: (i) => i.baseline },
		{ name: 'target', description: 'Zielwert', value: (i) => i.target },
		{ name: 'direction', description: 'higher: höher ist besser; lower: niedriger ist besser', value: (i) => i.direction },
		{ name: 'goal', description: 'Nummer des Leitziels (leer bei Indikatoren einer Maßnahme)', value: (i) => i.goal },
		{ name: 'measure', description: 'Nummer der Maßnahme (leer bei Indikatoren eines Leitziels)', value: (i) => i.measure },
		{ name: 'values', description: 'Messwerte als Datum:Wert, durch Semikolon getrennt', value: (i) => i.values.map((v) => `${v.date}:${v.value}`).join(';') }
	],
	page: (db, after, limit) => indicatorsPage(db, limit, after),
	modified: async (db) => latest(await lastChange(db, 'indicator_value', 'measured_on::timestamptz'), await lastChange(db, 'indicator', 'created_at'))
};

/** Who is named in the cooperation's tables: contact persons and the authors of updates stay on the pages. */
export const cooperationPersonalFields: PersonalField[] = [
	{ table: 'measure_update', column: 'author_name' },
	{ table: 'measure', column: "contact->>'name'" },
	{ table: 'measure', column: "contact->>'email'" },
	{ table: 'measure', column: "contact->>'phone'" }
];
