import { transaction, type Db } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { createMeasure } from '../../cooperation/server/service.ts';
import { bundlingPolicy } from './policy.ts';
import * as queries from './queries.ts';
import { isRowId } from '#lib/ids.ts';

export class BundlingError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}

export type Thresholds = { suppliesCents: number; worksCents: number; similarity: number };


export async function postPlan(
	db: Db,
	actor: Actor,
	input: { ags: string; subject: string; cpvDivision: string; description: string; quantity: string | null; periodStart: string; periodEnd: string; estimatedValueCents: number }
) {
	if (!bundlingPolicy.post(actor, input.ags)) throw new ForbiddenError();
	if (!/^\d{2}$/.test(input.cpvDivision) || Number(input.cpvDivision) < 3) throw new BundlingError('cpvDivision', 'Bitte geben Sie die CPV-Abteilung an: die ersten zwei Ziffern des CPV-Codes (z. B. 34 für Fahrzeuge).');
	if (input.periodEnd < input.periodStart) throw new BundlingError('periodEnd', 'Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.');
	return transaction(db, async (tx) => {
		const row = await queries.insertPlan(tx, { ...input, createdBy: actor.name });
		await recordAudit(tx, actor, { action: 'procurement.plan.add', entityType: 'procurement_plan', entityId: row.id, municipality: input.ags, after: input });
		return row;
	});
}

export async function withdrawPlan(db: Db, actor: Actor, planId: number) {
	const plan = isRowId(planId) ? await queries.findPlan(db, planId) : undefined;
	if (!plan) throw new NotFoundError();
	if (!bundlingPolicy.post(actor, plan.ags)) throw new ForbiddenError();
	if ((await queries.plansInBundles(db, [planId])).length) throw new BundlingError('plan', 'Dieses Vorhaben gehört schon zu einer Bündelung.');
	await transaction(db, async (tx) => {
		await queries.deletePlan(tx, planId);
		await recordAudit(tx, actor, { action: 'procurement.plan.withdraw', entityType: 'procurement_plan', entityId: planId, municipality: plan.ags, before: { subject: plan.subject } });
	});
}

/** The threshold for a CPV division: works (45) or supplies and services. */
export const thresholdFor = (cpvDivision: string, t: Thresholds) => (cpvDivision === '45' ? t.worksCents : t.suppliesCents);

/**
 * Proposed bundles: matching pairs joined into groups (a plan similar to two others brings them
 * together), each with its plans, the combined value and whether it crosses the EU threshold.
 */
export async function proposals(db: Db, actor: Actor, t: Thresholds) {
	if (!bundlingPolicy.read(actor)) throw new ForbiddenError();
	const pairs = await queries.matchingPairs(db, t.similarity);
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		const p = parent.get(x) ?? x;
		if (p === x) return x;
		const root = find(p);
		parent.set(x, root);
		return root;
	};
	for (const { a, b } of pairs) parent.set(find(b), find(a));
	const groups = new Map<number, Set<number>>();
	for (const { a, b } of pairs) for (const id of [a, b]) (groups.get(find(id)) ?? groups.set(find(id), new Set()).get(find(id))!).add(id);
	const plans = await queries.plansByIds(db, [...new Set(pairs.flatMap((p) => [p.a, p.b]))]);
	return [...groups.values()].map((ids) => {
		const members = plans.filter((p) => ids.has(p.plan.id));
		const value = members.reduce((s, p) => s + p.plan.estimatedValueCents, 0);
		const division = members[0].plan.cpvDivision;
		const threshold = thresholdFor(division, t);
		return { planIds: [...ids].sort((x, y) => x - y), plans: members, cpvDivision: division, valueCents: value, thresholdCents: threshold, aboveThreshold: value >= threshold };
	});
}

/** Takes up a proposal: the plans become a bundle the municipalities discuss. */
export async function openBundle(db: Db, actor: Actor, planIds: number[], t: Thresholds) {
	const proposal = (await proposals(db, actor, t)).find((p) => p.planIds.join() === [...planIds].sort((x, y) => x - y).join());
	if (!proposal) throw new BundlingError('plans', 'Diesen Vorschlag gibt es nicht (mehr).');
	if (!bundlingPolicy.join(actor, proposal.plans.map((p) => p.plan.ags))) throw new ForbiddenError();
	return transaction(db, async (tx) => {
		const row = await queries.insertBundle(tx, { title: `Gemeinsame Beschaffung: ${proposal.plans[0].plan.subject}`, cpvDivision: proposal.cpvDivision, createdBy: actor.name }, proposal.planIds);
		await recordAudit(tx, actor, { action: 'bundle.open', entityType: 'bundle', entityId: row.id, after: { plans: proposal.planIds, valueCents: proposal.valueCents } });
		return row;
	});
}

async function loadBundle(db: Db, actor: Actor, bundleId: number) {
	const b = isRowId(bundleId) ? await queries.findBundle(db, bundleId) : undefined;
	if (!b) throw new NotFoundError();
	const planIds = (await queries.planIdsOfBundles(db, [bundleId])).map((p) => p.planId);
	const plans = await queries.plansByIds(db, planIds);
	if (!bundlingPolicy.read(actor)) throw new NotFoundError();
	return { bundle: b, plans, municipalities: [...new Set(plans.map((p) => p.plan.ags))] };
}

export async function commentBundle(db: Db, actor: Actor, bundleId: number, text: string) {
	const b = await loadBundle(db, actor, bundleId);
	if (!bundlingPolicy.join(actor, b.municipalities)) throw new ForbiddenError();
	const clean = text.trim();
	if (clean.length < 2 || clean.length > 4000) throw new BundlingError('text', 'Bitte schreiben Sie einen Beitrag (2 bis 4.000 Zeichen).');
	const ags = b.municipalities.find((a) => bundlingPolicy.post({ ...actor, grants: actor.grants.filter((g) => 'municipality' in g.scope) }, a)) ?? null;
	return transaction(db, async (tx) => {
		const row = await queries.insertComment(tx, { bundleId, text: clean, authorName: actor.name, authorId: actor.id ?? null, ags });
		await recordAudit(tx, actor, { action: 'bundle.comment', entityType: 'bundle', entityId: bundleId, municipality: ags, after: { comment: row.id } });
		return row;
	});
}

/**
 * Turns a bundle into a joint measure in one step: the municipalities of its plans take part, the
 * chosen one leads, the plans and the combined value are its description and budget.
 */
export async function bundleToMeasure(db: Db, actor: Actor, bundleId: number, input: { leadAgs: string; actionFieldId: number; goalId: number }) {
	const b = await loadBundle(db, actor, bundleId);
	if (b.bundle.measureId) throw new BundlingError('bundle', 'Aus dieser Bündelung ist schon eine Maßnahme geworden.');
	if (!b.municipalities.includes(input.leadAgs)) throw new BundlingError('leadAgs', 'Die Federführung muss eine der beteiligten Kommunen haben.');
	const starts = b.plans.map((p) => p.plan.periodStart).sort();
	const ends = b.plans.map((p) => p.plan.periodEnd).sort();
	const description = [
		`Gemeinsame Beschaffung (CPV-Abteilung ${b.bundle.cpvDivision}) aus den Vorhaben:`,
		...b.plans.map((p) => `- ${p.municipalityName}: ${p.plan.subject}${p.plan.quantity ? ` (${p.plan.quantity})` : ''}, ${(p.plan.estimatedValueCents / 100).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' })}`)
	].join('\n');
	const id = await createMeasure(db, actor, {
		title: b.bundle.title.slice(0, 200),
		description,
		leadAgs: input.leadAgs,
		participants: b.municipalities.filter((a) => a !== input.leadAgs),
		actionFields: [input.actionFieldId],
		goals: [input.goalId],
		status: 'planned',
		startOn: starts[0],
		endOn: ends[ends.length - 1],
		contactName: null,
		contactOrganisation: null,
		contactEmail: null,
		contactPhone: null,
		// plans are internal, and so is what comes of them until the measure is published
		visibility: 'internal',
		lighthouse: false
	});
	await transaction(db, async (tx) => {
		await queries.setBundleMeasure(tx, bundleId, id);
		await recordAudit(tx, actor, { action: 'bundle.measure', entityType: 'bundle', entityId: bundleId, after: { measure: id } });
	});
	return id;
}

/** Bundles with their plans and discussion. */
export async function listBundles(db: Db, actor: Actor) {
	if (!bundlingPolicy.read(actor)) throw new ForbiddenError();
	const bundles = await queries.listBundles(db);
	const links = await queries.planIdsOfBundles(
		db,
		bundles.map((b) => b.id)
	);
	const [plans, comments] = await Promise.all([
		queries.plansByIds(db, [...new Set(links.map((l) => l.planId))]),
		queries.listComments(
			db,
			bundles.map((b) => b.id)
		)
	]);
	return bundles.map((b) => ({
		bundle: b,
		plans: plans.filter((p) => links.some((l) => l.bundleId === b.id && l.planId === p.plan.id)),
		comments: comments.filter((c) => c.bundleId === b.id)
	}));
}

export async function listPlans(db: Db, actor: Actor) {
	if (!bundlingPolicy.read(actor)) throw new ForbiddenError();
	return queries.listPlans(db, 200);
}
