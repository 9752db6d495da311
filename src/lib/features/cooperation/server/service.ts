import { transaction, type Db } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { newStorageKey, type Storage } from '#lib/server/storage/index.ts';
import { berlinDate } from '#lib/server/time.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { updateSearchDocuments } from '../../search/server/service.ts';
import type { SearchSource } from '../../search/server/registry.ts';
import { CostKeyError, splitCosts, weightsOf, type CostKey } from '../costs.ts';
import type { ApplicationForm, MeasureForm, ProgrammeForm } from '../schemas.ts';
import { checkDocument, DocumentError } from './documents.ts';
import { cooperationPolicy, type MeasureScope } from './policy.ts';
import * as queries from './queries.ts';
import type { MeasureFilter, Visibility } from './queries.ts';
import type { Funder, MeasureStatus } from './tables.ts';
import { isRowId } from '#lib/ids.ts';
import { LISTED_MUNICIPALITIES } from '../../region/choice.ts';
import { regionQueries } from '../../region/server/index.ts';

/** A refusal the form shows next to a field (catalogue key). */
export class CooperationError extends Error {
	readonly field: string;
	constructor(field: string, key: string) {
		super(key);
		this.field = field;
	}
}

/** The measure's scope for the policy; 404 for what does not exist or may not be seen. */
async function loadScoped(db: Db, actor: Actor, id: number) {
	const row = isRowId(id) ? await queries.findMeasure(db, id) : undefined;
	if (!row) throw new NotFoundError();
	const links = await queries.measureLinks(db, [id]);
	const scope: MeasureScope = { leadAgs: row.measure.leadAgs, participants: links.participants.map((p) => p.ags), isPublic: row.measure.isPublic };
	if (!cooperationPolicy.read(actor, scope)) throw new NotFoundError();
	return { ...row, links, scope };
}

async function loadForEditing(db: Db, actor: Actor, id: number) {
	const loaded = await loadScoped(db, actor, id);
	if (!cooperationPolicy.edit(actor, loaded.scope)) throw new ForbiddenError();
	return loaded;
}

/** What the actor may see: everything public, plus internal measures of their municipalities. */
export function visibilityFor(actor: Actor): Visibility {
	const scope = cooperationPolicy.internalScope(actor);
	return scope === 'all' ? 'all' : { municipalities: scope };
}

/** Members, action fields and goals: the choices of the measure form. */
export async function measureChoices(db: Db) {
	const [municipalities, leitbild] = await Promise.all([queries.listMunicipalities(db), queries.listFieldsAndGoals(db)]);
	return { municipalities, ...leitbild };
}

async function checkLinks(db: Db, input: Pick<MeasureForm, 'leadAgs' | 'participants' | 'actionFields' | 'goals'>) {
	const { municipalities, fields, goals } = await measureChoices(db);
	const members = new Set(municipalities.map((m) => m.ags));
	if (!members.has(input.leadAgs)) throw new CooperationError('leadAgs', 'coop.err.lead');
	const participants = [...new Set(input.participants)].filter((a) => a !== input.leadAgs);
	if (participants.some((a) => !members.has(a))) throw new CooperationError('participants', 'coop.err.participants');
	const fieldIds = new Set(fields.map((f) => f.id));
	const goalIds = new Set(goals.map((g) => g.id));
	if (input.actionFields.some((f) => !fieldIds.has(f))) throw new CooperationError('actionFields', 'coop.err.actionFields');
	if (input.goals.some((g) => !goalIds.has(g))) throw new CooperationError('goals', 'coop.err.goals');
	return { participants: participants.sort(), actionFieldIds: [...new Set(input.actionFields)], goalIds: [...new Set(input.goals)], municipalities };
}

const contactOf = (input: MeasureForm) =>
	input.contactName || input.contactEmail || input.contactPhone
		? { name: input.contactName ?? '', ...(input.contactOrganisation ? { organisation: input.contactOrganisation } : {}), ...(input.contactEmail ? { email: input.contactEmail } : {}), ...(input.contactPhone ? { phone: input.contactPhone } : {}) }
		: null;

const measureFields = (input: MeasureForm) => ({
	title: input.title,
	description: input.description,
	leadAgs: input.leadAgs,
	status: input.status,
	startOn: input.startOn,
	endOn: input.endOn,
	contact: contactOf(input),
	isPublic: input.visibility === 'public',
	lighthouse: input.lighthouse
});

/**
 * A cost key that still fits the municipalities taking part: kept when it does, otherwise the same
 * kind for the new set (inhabitants with today's figures); custom percentages cannot be carried
 * over and fall back to equal shares, which the form then says.
 */
function fitKey(key: CostKey | undefined, lead: string, participants: string[], municipalities: { ags: string; inhabitants: number; inhabitantsDate: string }[]): CostKey {
	const all = [lead, ...participants].sort();
	if (key) {
		const current = [...weightsOf(key).keys()].sort();
		if (key.kind === 'lead' ? key.municipality === lead : current.join() === all.join()) return key;
		if (key.kind === 'inhabitants') return inhabitantsKey(all, municipalities);
	}
	if (key?.kind === 'lead') return { kind: 'lead', municipality: lead };
	return { kind: 'equal', municipalities: all };
}

function inhabitantsKey(all: string[], municipalities: { ags: string; inhabitants: number; inhabitantsDate: string }[]): CostKey {
	const chosen = municipalities.filter((m) => all.includes(m.ags));
	return {
		kind: 'inhabitants',
		inhabitants: Object.fromEntries(chosen.map((m) => [m.ags, m.inhabitants])),
		referenceDate: chosen.map((m) => m.inhabitantsDate).sort().at(-1) ?? berlinDate()
	};
}

export async function createMeasure(db: Db, actor: Actor, input: MeasureForm) {
	if (!cooperationPolicy.create(actor, input.leadAgs)) throw new ForbiddenError();
	const links = await checkLinks(db, input);
	const id = await transaction(db, async (tx) => {
		const row = await queries.insertMeasure(tx, { ...measureFields(input), costKey: fitKey(undefined, input.leadAgs, links.participants, links.municipalities) });
		await queries.replaceMeasureLinks(tx, row.id, links);
		await recordAudit(tx, actor, {
			action: 'measure.create',
			entityType: 'measure',
			entityId: row.id,
			municipality: input.leadAgs,
			after: { ...measureFields(input), participants: links.participants, actionFields: links.actionFieldIds, goals: links.goalIds }
		});
		return row.id;
	});
	await reindexMeasure(db, id);
	return id;
}

export async function updateMeasure(db: Db, actor: Actor, id: number, input: MeasureForm) {
	const before = await loadForEditing(db, actor, id);
	// handing the lead to another municipality is the new lead's business too
	if (input.leadAgs !== before.measure.leadAgs && !cooperationPolicy.create(actor, input.leadAgs)) throw new CooperationError('leadAgs', 'coop.err.leadNotYours');
	const links = await checkLinks(db, input);
	const costKey = fitKey(before.measure.costKey, input.leadAgs, links.participants, links.municipalities);
	await transaction(db, async (tx) => {
		await queries.updateMeasure(tx, id, { ...measureFields(input), costKey });
		await queries.replaceMeasureLinks(tx, id, links);
		const m = before.measure;
		await recordAudit(tx, actor, {
			action: 'measure.update',
			entityType: 'measure',
			entityId: id,
			municipality: input.leadAgs,
			before: {
				title: m.title,
				description: m.description,
				leadAgs: m.leadAgs,
				status: m.status,
				startOn: m.startOn,
				endOn: m.endOn,
				contact: m.contact,
				isPublic: m.isPublic,
				lighthouse: m.lighthouse,
				costKey: m.costKey,
				participants: before.scope.participants,
				actionFields: before.links.fields.map((f) => f.id),
				goals: before.links.goals.map((g) => g.id)
			},
			after: { ...measureFields(input), costKey, participants: links.participants, actionFields: links.actionFieldIds, goals: links.goalIds }
		});
	});
	await reindexMeasure(db, id);
	return { keyChanged: JSON.stringify(costKey) !== JSON.stringify(before.measure.costKey) };
}

/** Progress by hand (with a reason) or back to following the milestones. */
export async function setProgress(db: Db, actor: Actor, id: number, input: { mode: 'milestones' } | { mode: 'manual'; progress: number; reason: string }) {
	const before = await loadForEditing(db, actor, id);
	const values = input.mode === 'manual' ? { manualProgress: input.progress, progressReason: input.reason } : { manualProgress: null, progressReason: null };
	await transaction(db, async (tx) => {
		await queries.updateMeasure(tx, id, values);
		await recordAudit(tx, actor, {
			action: 'measure.progress',
			entityType: 'measure',
			entityId: id,
			municipality: before.measure.leadAgs,
			before: { manualProgress: before.measure.manualProgress, progressReason: before.measure.progressReason },
			after: values
		});
	});
}

export async function addMilestone(db: Db, actor: Actor, id: number, input: { title: string; dueOn: string }) {
	const m = await loadForEditing(db, actor, id);
	return transaction(db, async (tx) => {
		const row = await queries.insertMilestone(tx, { measureId: id, title: input.title, dueOn: input.dueOn });
		await queries.touchMeasure(tx, id);
		await recordAudit(tx, actor, { action: 'measure.milestone.add', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, after: { milestone: row.id, title: row.title, dueOn: row.dueOn } });
		return row;
	});
}

/** Marks a milestone done (today, or the given day) or open again. */
export async function setMilestoneDone(db: Db, actor: Actor, id: number, milestoneId: number, done: boolean, on = berlinDate()) {
	const m = await loadForEditing(db, actor, id);
	await transaction(db, async (tx) => {
		const row = await queries.setMilestoneDone(tx, id, milestoneId, done ? on : null);
		if (!row) throw new NotFoundError();
		await queries.touchMeasure(tx, id);
		await recordAudit(tx, actor, { action: done ? 'measure.milestone.done' : 'measure.milestone.reopen', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, after: { milestone: milestoneId, doneOn: row.doneOn } });
	});
}

export async function removeMilestone(db: Db, actor: Actor, id: number, milestoneId: number) {
	const m = await loadForEditing(db, actor, id);
	await transaction(db, async (tx) => {
		const row = await queries.deleteMilestone(tx, id, milestoneId);
		if (!row) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'measure.milestone.remove', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, before: { milestone: row.id, title: row.title, dueOn: row.dueOn, doneOn: row.doneOn } });
	});
}

/** Budget and actual costs of one year (replacing what was there). */
export async function saveCostYear(db: Db, actor: Actor, id: number, input: { year: number; budget: number; actual: number }) {
	const m = await loadForEditing(db, actor, id);
	const before = (await queries.listCosts(db, id)).find((c) => c.year === input.year);
	await transaction(db, async (tx) => {
		await queries.upsertCost(tx, { measureId: id, year: input.year, budgetCents: input.budget, actualCents: input.actual });
		await queries.touchMeasure(tx, id);
		await recordAudit(tx, actor, {
			action: 'measure.costs',
			entityType: 'measure',
			entityId: id,
			municipality: m.measure.leadAgs,
			before: before ? { [`year${input.year}`]: { budgetCents: before.budgetCents, actualCents: before.actualCents } } : null,
			after: { [`year${input.year}`]: { budgetCents: input.budget, actualCents: input.actual } }
		});
	});
}

export async function removeCostYear(db: Db, actor: Actor, id: number, year: number) {
	const m = await loadForEditing(db, actor, id);
	await transaction(db, async (tx) => {
		const row = await queries.deleteCost(tx, id, year);
		if (!row) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'measure.costs', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, before: { [`year${year}`]: { budgetCents: row.budgetCents, actualCents: row.actualCents } } });
	});
}

/**
 * Sets the cost-sharing key. Inhabitants are copied from the municipalities' current figures with
 * their reference date, so a later census does not silently change what was agreed.
 */
export async function setCostKey(db: Db, actor: Actor, id: number, input: { kind: CostKey['kind']; basisPoints?: Record<string, number> }) {
	const m = await loadForEditing(db, actor, id);
	const all = [m.measure.leadAgs, ...m.scope.participants].sort();
	let key: CostKey;
	switch (input.kind) {
		case 'equal':
			key = { kind: 'equal', municipalities: all };
			break;
		case 'lead':
			key = { kind: 'lead', municipality: m.measure.leadAgs };
			break;
		case 'inhabitants':
			key = inhabitantsKey(all, await queries.listMunicipalities(db));
			break;
		case 'percentages': {
			const basisPoints = Object.fromEntries(all.map((ags) => [ags, input.basisPoints?.[ags] ?? 0]));
			key = { kind: 'percentages', basisPoints };
			break;
		}
	}
	try {
		weightsOf(key);
	} catch (e) {
		if (e instanceof CostKeyError) throw new CooperationError('costKey', input.kind === 'percentages' ? 'coop.err.percentSum' : 'coop.err.costKey');
		throw e;
	}
	await transaction(db, async (tx) => {
		await queries.updateMeasure(tx, id, { costKey: key });
		await recordAudit(tx, actor, { action: 'measure.costKey', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, before: { costKey: m.measure.costKey }, after: { costKey: key } });
	});
	return key;
}

/** An entry in the measure's log, for the municipality the author speaks for. */
export async function addMeasureUpdate(db: Db, actor: Actor, id: number, text: string) {
	const m = await loadScoped(db, actor, id);
	if (!cooperationPolicy.addUpdate(actor, m.scope)) throw new ForbiddenError();
	const speaksFor = [m.measure.leadAgs, ...m.scope.participants].find((ags) => cooperationPolicy.create(actor, ags) && !cooperationPolicy.manageProgrammes(actor));
	return transaction(db, async (tx) => {
		const row = await queries.insertUpdate(tx, { measureId: id, text, authorName: actor.name, authorId: actor.id ?? null, municipalityAgs: speaksFor ?? null });
		await queries.touchMeasure(tx, id);
		await recordAudit(tx, actor, { action: 'measure.update.add', entityType: 'measure', entityId: id, municipality: speaksFor ?? m.measure.leadAgs, after: { update: row.id, text } });
		return row;
	});
}

export async function addAttachment(db: Db, storage: Storage, actor: Actor, id: number, input: { title: string; fileName: string; data: Buffer }) {
	const m = await loadForEditing(db, actor, id);
	const title = input.title.trim().slice(0, 200) || input.fileName.replace(/\.[^.]*$/, '').slice(0, 200);
	if (!title) throw new CooperationError('title', 'coop.err.attachmentTitle');
	let checked;
	try {
		checked = await checkDocument(input.data);
	} catch (e) {
		if (e instanceof DocumentError) throw new CooperationError('file', `coop.err.file.${e.reason}`);
		throw e;
	}
	const key = newStorageKey('measures', checked.extension);
	// file first, row second: a crash in between leaves an orphan file, never a row without its file
	await storage.put(key, checked.data);
	try {
		return await transaction(db, async (tx) => {
			const row = await queries.insertAttachment(tx, { measureId: id, title, fileName: input.fileName.slice(0, 200), mediaType: checked.mediaType, byteSize: checked.data.length, storageKey: key });
			await queries.touchMeasure(tx, id);
			await recordAudit(tx, actor, { action: 'measure.attachment.add', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, after: { attachment: row.id, title, mediaType: checked.mediaType, byteSize: row.byteSize } });
			return row;
		});
	} catch (e) {
		await storage.remove(key);
		throw e;
	}
}

export async function removeAttachment(db: Db, storage: Storage, actor: Actor, id: number, attachmentId: number) {
	const m = await loadForEditing(db, actor, id);
	const row = await transaction(db, async (tx) => {
		const row = await queries.deleteAttachment(tx, id, attachmentId);
		if (!row) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'measure.attachment.remove', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, before: { attachment: row.id, title: row.title } });
		return row;
	});
	await storage.remove(row.storageKey);
}

/** A document for download, if the actor may see its measure. */
export async function readAttachment(db: Db, storage: Storage, actor: Actor, id: number, attachmentId: number) {
	await loadScoped(db, actor, id);
	const row = isRowId(attachmentId) ? await queries.findAttachment(db, id, attachmentId) : undefined;
	if (!row) throw new NotFoundError();
	const data = await storage.read(row.storageKey);
	if (!data) throw new NotFoundError();
	return { row, data };
}

export async function relateMeasures(db: Db, actor: Actor, id: number, otherId: number, related: boolean) {
	const m = await loadForEditing(db, actor, id);
	if (otherId === id) throw new CooperationError('related', 'coop.err.related');
	try {
		await loadScoped(db, actor, otherId);
	} catch (e) {
		if (e instanceof NotFoundError) throw new CooperationError('related', 'coop.err.related');
		throw e;
	}
	await transaction(db, async (tx) => {
		const changed = related ? await queries.insertRelation(tx, id, otherId) : await queries.deleteRelation(tx, id, otherId);
		if (changed) await recordAudit(tx, actor, { action: related ? 'measure.relate' : 'measure.unrelate', entityType: 'measure', entityId: id, municipality: m.measure.leadAgs, after: { related: otherId } });
	});
}

// Indicators

type IndicatorInput = { name: string; unit: string; baseline: number | null; target: number | null; direction: 'higher' | 'lower' };

export async function createIndicator(db: Db, actor: Actor, owner: { measureId: number } | { goalId: number }, input: IndicatorInput) {
	let municipality: string | null = null;
	if ('measureId' in owner) municipality = (await loadForEditing(db, actor, owner.measureId)).measure.leadAgs;
	else {
		if (!cooperationPolicy.manageGoalIndicators(actor)) throw new ForbiddenError();
		const { goals } = await queries.listFieldsAndGoals(db);
		if (!goals.some((g) => g.id === owner.goalId)) throw new CooperationError('goal', 'coop.err.goals');
	}
	return transaction(db, async (tx) => {
		const row = await queries.insertIndicator(tx, { ...owner, name: input.name, unit: input.unit, baseline: input.baseline, target: input.target, higherIsBetter: input.direction === 'higher' });
		await recordAudit(tx, actor, { action: 'indicator.create', entityType: 'indicator', entityId: row.id, municipality, after: { ...owner, ...input } });
		return row;
	});
}

async function loadIndicatorForEditing(db: Db, actor: Actor, indicatorId: number) {
	const row = isRowId(indicatorId) ? await queries.findIndicator(db, indicatorId) : undefined;
	if (!row) throw new NotFoundError();
	if (row.measureId !== null) return { row, municipality: (await loadForEditing(db, actor, row.measureId)).measure.leadAgs };
	if (!cooperationPolicy.manageGoalIndicators(actor)) throw new ForbiddenError();
	return { row, municipality: null };
}

/** A measurement; a second one on the same day replaces the first. */
export async function recordIndicatorValue(db: Db, actor: Actor, indicatorId: number, input: { measuredOn: string; value: number; source: string | null }) {
	const { municipality } = await loadIndicatorForEditing(db, actor, indicatorId);
	return transaction(db, async (tx) => {
		const row = await queries.upsertIndicatorValue(tx, { indicatorId, ...input });
		await recordAudit(tx, actor, { action: 'indicator.value', entityType: 'indicator', entityId: indicatorId, municipality, after: input });
		return row;
	});
}

export async function removeIndicatorValue(db: Db, actor: Actor, indicatorId: number, valueId: number) {
	const { municipality } = await loadIndicatorForEditing(db, actor, indicatorId);
	await transaction(db, async (tx) => {
		const row = await queries.deleteIndicatorValue(tx, indicatorId, valueId);
		if (!row) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'indicator.value.remove', entityType: 'indicator', entityId: indicatorId, municipality, before: { measuredOn: row.measuredOn, value: row.value, source: row.source } });
	});
}

/** Indicators with their measurements, for a measure or for Leitziele. */
export async function indicatorsWithValues(db: Db, owner: { measureId: number } | { goalIds: number[] }) {
	const list = await queries.listIndicatorsOf(db, owner);
	const values = await queries.listIndicatorValues(
		db,
		list.map((i) => i.id)
	);
	return list.map((i) => ({ ...i, values: values.filter((v) => v.indicatorId === i.id) }));
}

// Funding programmes and applications

const programmeValues = (input: ProgrammeForm) => ({
	name: input.name,
	funder: input.funder,
	rateBasisPoints: input.rate,
	maxAmountCents: input.maxAmount,
	deadlines: input.deadlines,
	link: input.link,
	notes: input.notes,
	active: input.active
});

export async function createProgramme(db: Db, actor: Actor, input: ProgrammeForm) {
	if (!cooperationPolicy.manageProgrammes(actor)) throw new ForbiddenError();
	return transaction(db, async (tx) => {
		const row = await queries.insertProgramme(tx, programmeValues(input), [...new Set(input.actionFields)]);
		await recordAudit(tx, actor, { action: 'funding.programme.create', entityType: 'funding_programme', entityId: row.id, after: { ...programmeValues(input), actionFields: input.actionFields } });
		return row;
	});
}

export async function updateProgramme(db: Db, actor: Actor, id: number, input: ProgrammeForm) {
	if (!cooperationPolicy.manageProgrammes(actor)) throw new ForbiddenError();
	const before = isRowId(id) ? await queries.findProgramme(db, id) : undefined;
	if (!before) throw new NotFoundError();
	await transaction(db, async (tx) => {
		await queries.updateProgramme(tx, id, programmeValues(input), [...new Set(input.actionFields)]);
		const { id: _id, updatedAt: _u, ...old } = before;
		await recordAudit(tx, actor, { action: 'funding.programme.update', entityType: 'funding_programme', entityId: id, before: old, after: programmeValues(input) });
	});
}

export async function findProgramme(db: Db, id: number) {
	const row = isRowId(id) ? await queries.findProgramme(db, id) : undefined;
	if (!row) throw new NotFoundError();
	const fields = await queries.programmeFields(db, [id]);
	return { ...row, actionFields: fields.map((f) => f.number), actionFieldIds: fields.map((f) => f.id) };
}

export async function listProgrammes(db: Db, opts: { activeOnly?: boolean; afterId?: number; limit?: number } = {}) {
	const rows = await queries.listProgrammes(db, opts);
	const fields = await queries.programmeFields(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({ ...r, actionFields: fields.filter((f) => f.programmeId === r.id).map((f) => f.number) }));
}

const applicationValues = (input: ApplicationForm) => ({
	programmeId: input.programmeId,
	status: input.status,
	eligibleCostsCents: input.eligibleCosts,
	requestedCents: input.requested,
	grantedCents: input.granted,
	submitBy: input.submitBy,
	submittedOn: input.submittedOn,
	grantedOn: input.grantedOn,
	proofDueOn: input.proofDueOn
});

async function checkProgramme(db: Db, input: ApplicationForm) {
	const programme = await queries.findProgramme(db, input.programmeId);
	if (!programme) throw new CooperationError('programmeId', 'coop.err.programme');
	if (programme.maxAmountCents !== null && input.requested > programme.maxAmountCents) throw new CooperationError('requested', 'coop.err.aboveMaximum');
	// the programme's next deadline is the submission deadline unless one is given
	return input.submitBy ?? programme.deadlines.find((d) => d.on >= berlinDate())?.on ?? null;
}

/** A funding application of a measure; the person entering it gets the reminders. */
export async function addApplication(db: Db, actor: Actor, measureId: number, input: ApplicationForm) {
	const m = await loadForEditing(db, actor, measureId);
	const submitBy = await checkProgramme(db, input);
	return transaction(db, async (tx) => {
		const values = { ...applicationValues(input), submitBy };
		const row = await queries.insertApplication(tx, { ...values, measureId, responsibleId: actor.id ?? null });
		await queries.touchMeasure(tx, measureId);
		await recordAudit(tx, actor, { action: 'funding.application.create', entityType: 'funding_application', entityId: row.id, municipality: m.measure.leadAgs, after: { measure: measureId, ...values } });
		return row;
	});
}

export async function updateApplication(db: Db, actor: Actor, measureId: number, applicationId: number, input: ApplicationForm) {
	const m = await loadForEditing(db, actor, measureId);
	const before = isRowId(applicationId) ? await queries.findApplication(db, measureId, applicationId) : undefined;
	if (!before) throw new NotFoundError();
	const submitBy = await checkProgramme(db, input);
	await transaction(db, async (tx) => {
		const values = { ...applicationValues(input), submitBy };
		await queries.updateApplication(tx, measureId, applicationId, values);
		await queries.touchMeasure(tx, measureId);
		const { id: _id, createdAt: _c, updatedAt: _u, ...old } = before;
		await recordAudit(tx, actor, { action: 'funding.application.update', entityType: 'funding_application', entityId: applicationId, municipality: m.measure.leadAgs, before: old, after: values });
	});
}

/** The funding an application brings: granted once decided, requested while open, nothing when refused. */
export function fundingOf(a: { status: string; requestedCents: number; grantedCents: number | null }) {
	if (a.status === 'rejected') return 0;
	if (a.status === 'granted' || a.status === 'settled') return a.grantedCents ?? 0;
	return a.requestedCents;
}

/** Eigenanteil: eligible costs not covered by the funding, split by the measure's cost key. */
export function ownShare(a: { status: string; eligibleCostsCents: number; requestedCents: number; grantedCents: number | null }, key: CostKey) {
	const total = Math.max(0, a.eligibleCostsCents - fundingOf(a));
	return { totalCents: total, shares: splitCosts(total, key) };
}

// Reading

/** Everything about one measure the actor may see, with what they may do. */
export async function getMeasure(db: Db, actor: Actor, id: number) {
	const m = await loadScoped(db, actor, id);
	const [milestones, costs, updates, attachments, related, indicators, applications] = await Promise.all([
		queries.listMilestones(db, id),
		queries.listCosts(db, id),
		queries.listUpdates(db, id, 51),
		queries.listAttachments(db, id),
		queries.listRelated(db, id),
		indicatorsWithValues(db, { measureId: id }),
		queries.listApplicationsOf(db, id)
	]);
	return {
		...m,
		milestones,
		costs,
		updates: updates.slice(0, 50),
		moreUpdates: updates.length > 50,
		attachments,
		// an internal related measure only for those who see every internal measure
		related: related.filter((r) => r.isPublic || cooperationPolicy.internalScope(actor) === 'all'),
		indicators,
		applications,
		costShares: splitCosts(m.budgetCents, m.measure.costKey),
		canEdit: cooperationPolicy.edit(actor, m.scope),
		canAddUpdate: cooperationPolicy.addUpdate(actor, m.scope)
	};
}

/** Older entries of a measure's log. */
export async function listMeasureUpdates(db: Db, actor: Actor, id: number, beforeId: number | undefined, limit = 50) {
	await loadScoped(db, actor, id);
	return queries.listUpdates(db, id, limit, beforeId);
}

export async function listMeasures(db: Db, filter: MeasureFilter & { afterId?: number; limit: number }) {
	const rows = await queries.listMeasures(db, filter);
	return withLinks(db, rows);
}

export async function listMeasuresByUpdate(db: Db, filter: MeasureFilter & { before?: { at: Date; id: number }; limit: number }) {
	return withLinks(db, await queries.listMeasuresByUpdate(db, filter));
}

async function withLinks<T extends { measure: { id: number; costKey: CostKey }; budgetCents: number }>(db: Db, rows: T[]) {
	const links = await queries.measureLinks(
		db,
		rows.map((r) => r.measure.id)
	);
	return rows.map((r) => ({
		...r,
		participants: links.participants.filter((p) => p.measureId === r.measure.id).map((p) => p.ags),
		fields: links.fields.filter((f) => f.measureId === r.measure.id),
		goals: links.goals.filter((g) => g.measureId === r.measure.id),
		costShares: splitCosts(r.budgetCents, r.measure.costKey)
	}));
}

export const statusOrder: MeasureStatus[] = ['idea', 'planned', 'in_progress', 'completed', 'deferred'];

/**
 * The cockpit: per action field its goals, figures, a few measures and the next milestones; for
 * the whole selection the measures by status, the funding granted and what each municipality carries.
 */
export async function cockpit(db: Db, filter: MeasureFilter) {
	const [{ fields, goals, links }, byStatus, perField, granted, keys, firstMembers] = await Promise.all([
		queries.listFieldsAndGoals(db),
		queries.countMeasuresByStatus(db, filter),
		queries.measuresPerField(db, filter),
		queries.grantedPerField(db, filter),
		queries.measureKeysAndBudgets(db, filter),
		queries.listMunicipalities(db, LISTED_MUNICIPALITIES + 1)
	]);
	const amounts = new Map<string, number>();
	// per measure, so each share is what that measure's key gives it, cent for cent
	for (const k of keys) for (const budget of k.budgets) for (const s of splitCosts(budget, k.costKey)) amounts.set(s.municipality, (amounts.get(s.municipality) ?? 0) + s.amountCents);
	const grantedCents = await queries.grantedTotal(db, filter);
	const [latest, milestones] = await Promise.all([queries.latestPerField(db, filter, 6), queries.nextMilestonesPerField(db, filter, 3)]);
	const named = await regionQueries.municipalityNamesOf(db, [...latest.map((m) => m.leadAgs), ...sharesShown(amounts, firstMembers).map(([ags]) => ags)]);
	const names = new Map(named.map((m) => [m.ags, m.name]));
	const sections = fields
		.filter((field) => filter.actionField === undefined || filter.actionField === field.number)
		.map((field) => ({
			field,
			goals: goals.filter((g) => links.some((l) => l.goalId === g.id && l.actionFieldId === field.id)),
			measureCount: perField.find((p) => p.actionFieldId === field.id)?.measures ?? 0,
			grantedCents: granted.find((p) => p.actionFieldId === field.id)?.grantedCents ?? 0,
			measures: latest.filter((m) => m.actionFieldId === field.id).map((m) => ({ ...m, leadName: names.get(m.leadAgs) ?? m.leadAgs })),
			milestones: milestones.filter((m) => m.actionFieldId === field.id)
		}));
	return {
		byStatus: statusOrder.map((status) => ({ status, count: byStatus.find((b) => b.status === status)?.n ?? 0 })),
		total: byStatus.reduce((s, b) => s + b.n, 0),
		budgetCents: keys.reduce((s, k) => s + k.budgets.reduce((a, b) => a + b, 0), 0),
		grantedCents,
		shares: sharesShown(amounts, firstMembers).map(([ags, amountCents]) => ({ ags, name: names.get(ags) ?? ags, amountCents })),
		/** The members with a share the table leaves out (only where there are too many to list). */
		otherShares: otherShares(amounts, firstMembers),
		sections
	};
}

/**
 * The cost shares the cockpit lists: a cooperation's every member, also those without a share;
 * where there are more than `LISTED_MUNICIPALITIES`, the largest shares, the rest summed up.
 */
function sharesShown(amounts: Map<string, number>, firstMembers: { ags: string }[]): [string, number][] {
	if (firstMembers.length <= LISTED_MUNICIPALITIES) return firstMembers.map((m) => [m.ags, amounts.get(m.ags) ?? 0]);
	return [...amounts].filter(([, cents]) => cents !== 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, LISTED_MUNICIPALITIES);
}
function otherShares(amounts: Map<string, number>, firstMembers: { ags: string }[]) {
	if (firstMembers.length <= LISTED_MUNICIPALITIES) return null;
	const shown = new Set(sharesShown(amounts, firstMembers).map(([ags]) => ags));
	const rest = [...amounts].filter(([ags, cents]) => cents !== 0 && !shown.has(ags));
	return rest.length ? { count: rest.length, amountCents: rest.reduce((s, [, c]) => s + c, 0) } : null;
}


/**
 * Funding overview: applied, granted and open amounts by funder, year (of submission, or of entry
 * while in preparation), action field (a measure counts in each of its fields) and municipality
 * (its part of each amount by the measure's cost key).
 */
export async function fundingOverview(db: Db, filter: MeasureFilter) {
	type Sums = { appliedCents: number; grantedCents: number; openCents: number; count: number };
	const empty = (): Sums => ({ appliedCents: 0, grantedCents: 0, openCents: 0, count: 0 });
	const byFunder = new Map<Funder, Sums>();
	const byYear = new Map<number, Sums>();
	const byField = new Map<number, Sums>();
	const byMunicipality = new Map<string, Sums>();
	const total = empty();
	let after = 0;
	for (;;) {
		const page = await queries.listApplications(db, filter, 500, after);
		const links = await queries.measureLinks(db, [...new Set(page.map((a) => a.application.measureId))]);
		for (const a of page) {
			const app = a.application;
			const applied = app.status === 'preparing' ? 0 : app.requestedCents;
			const grantedCents = app.status === 'granted' || app.status === 'settled' ? (app.grantedCents ?? 0) : 0;
			const open = app.status === 'preparing' || app.status === 'submitted' ? app.requestedCents : 0;
			const add = (s: Sums, g = grantedCents) => {
				s.appliedCents += applied;
				s.grantedCents += g;
				s.openCents += open;
				s.count += 1;
			};
			add(total);
			add(byFunder.get(a.funder as Funder) ?? byFunder.set(a.funder as Funder, empty()).get(a.funder as Funder)!);
			const year = Number((app.submittedOn ?? app.createdAt.toISOString()).slice(0, 4));
			add(byYear.get(year) ?? byYear.set(year, empty()).get(year)!);
			for (const f of links.fields.filter((l) => l.measureId === app.measureId)) add(byField.get(f.number) ?? byField.set(f.number, empty()).get(f.number)!);
			// each municipality's part of the money, by the measure's cost key
			const parts = { appliedCents: splitCosts(applied, a.costKey), grantedCents: splitCosts(grantedCents, a.costKey), openCents: splitCosts(open, a.costKey) };
			for (const [i, { municipality }] of parts.grantedCents.entries()) {
				const s = byMunicipality.get(municipality) ?? byMunicipality.set(municipality, empty()).get(municipality)!;
				s.appliedCents += parts.appliedCents[i].amountCents;
				s.grantedCents += parts.grantedCents[i].amountCents;
				s.openCents += parts.openCents[i].amountCents;
				s.count += 1;
			}
		}
		if (page.length < 500) break;
		after = page[page.length - 1].application.id;
	}
	return {
		total,
		byFunder: [...byFunder].map(([funder, s]) => ({ funder, ...s })),
		byYear: [...byYear].sort(([a], [b]) => a - b).map(([year, s]) => ({ year, ...s })),
		byField: [...byField].sort(([a], [b]) => a - b).map(([number, s]) => ({ number, ...s })),
		byMunicipality: [...byMunicipality].sort(([a], [b]) => a.localeCompare(b)).map(([ags, s]) => ({ ags, ...s }))
	};
}

/**
 * Programmes worth a look for measures without (living) funding: active, with an eligible action
 * field in common, and either no deadlines or one still ahead.
 */
export async function fundingSuggestions(db: Db, measureIds: number[], today = berlinDate()) {
	const rows = await queries.matchingProgrammes(db, measureIds);
	const out = new Map<number, { programmeId: number; name: string; funder: Funder; fields: number[]; nextDeadline: string | null }[]>();
	for (const r of rows) {
		const future = r.programme.deadlines.filter((d) => d.on >= today);
		if (r.programme.deadlines.length && !future.length) continue;
		const list = out.get(r.measureId) ?? out.set(r.measureId, []).get(r.measureId)!;
		const existing = list.find((s) => s.programmeId === r.programme.id);
		if (existing) existing.fields.push(r.fieldNumber);
		else list.push({ programmeId: r.programme.id, name: r.programme.name, funder: r.programme.funder, fields: [r.fieldNumber], nextDeadline: future[0]?.on ?? null });
	}
	return out;
}

/** Measures of the filter without living funding, each with its suggested programmes. */
export async function measuresToFund(db: Db, filter: MeasureFilter, limit = 50) {
	const measures = await queries.measuresWithoutFunding(db, filter, limit);
	const suggestions = await fundingSuggestions(
		db,
		measures.map((m) => m.id)
	);
	return measures.map((m) => ({ ...m, programmes: suggestions.get(m.id) ?? [] })).filter((m) => m.programmes.length);
}

const measureDocuments = (m: { id: number; title: string; description: string }) =>
	(['de', 'en'] as const).map((locale) => ({ ref: `measure-${m.id}`, locale, title: m.title, summary: m.description.slice(0, 200), body: m.description, url: `/kooperation/massnahmen/${m.id}` }));

/** One measure's documents after a change (none when it is internal): not the whole source, which has thousands. */
async function reindexMeasure(db: Db, id: number) {
	const found = await queries.findMeasure(db, id);
	await updateSearchDocuments(db, cooperationSearchSource, [`measure-${id}`], found?.measure.isPublic ? measureDocuments(found.measure) : []);
}

/** Search: public measures only. */
export const cooperationSearchSource: SearchSource = {
	name: 'cooperation',
	label: { de: 'Maßnahme', en: 'Joint measure' },
	version: 1,
	async documents(db) {
		const docs = [];
		let afterId = 0;
		for (;;) {
			const page = await queries.listMeasures(db, { visibility: 'public', afterId, limit: 500 });
			for (const { measure: m } of page) docs.push(...measureDocuments(m));
			if (page.length < 500) break;
			afterId = page[page.length - 1].measure.id;
		}
		return docs;
	}
};
