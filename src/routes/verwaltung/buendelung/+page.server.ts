import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { bundlingPolicy } from '#lib/features/bundling/server/policy.ts';
import { BundlingError, bundleToMeasure, commentBundle, listBundles, listPlans, openBundle, postPlan, proposals, withdrawPlan } from '#lib/features/bundling/server/service.ts';
import { CooperationError, measureChoices } from '#lib/features/cooperation/server/service.ts';
import { translator, type MessageKey } from '#lib/i18n/index.ts';
import { parseEuros } from '#lib/features/cooperation/money.ts';
import { formValues } from '#lib/features/bodies/server/web.ts';

const thresholds = () => {
	const cfg = config();
	return { suppliesCents: cfg.EU_THRESHOLD_SUPPLIES_CENTS, worksCents: cfg.EU_THRESHOLD_WORKS_CENTS, similarity: cfg.BUNDLE_SIMILARITY };
};

function requireBundling(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!bundlingPolicy.read(actor)) error(403, 'Die Bündelung ist für die Mitarbeitenden der Kommunen und die Koordinierungsstelle.');
	return actor;
}

/** Planned purchases of the municipalities, the bundles the platform proposes, and those taken up. Internal. */
export const load = async ({ locals, url }) => {
	const actor = requireBundling(locals, url);
	const [plans, proposed, bundles, choices] = await Promise.all([listPlans(db(), actor), proposals(db(), actor, thresholds()), listBundles(db(), actor), measureChoices(db())]);
	const postable = bundlingPolicy.postable(actor);
	const mine = postable === 'all' ? choices.municipalities.map((m) => m.ags) : postable;
	const plan = (p: (typeof plans)[number]) => ({ id: p.plan.id, ags: p.plan.ags, municipality: p.municipalityName, subject: p.plan.subject, cpv: p.plan.cpvDivision, quantity: p.plan.quantity, start: p.plan.periodStart, end: p.plan.periodEnd, valueCents: p.plan.estimatedValueCents });
	return {
		plans: plans.map((p) => ({ ...plan(p), mine: mine.includes(p.plan.ags) })),
		proposals: proposed.map((p) => ({ planIds: p.planIds, plans: p.plans.map(plan), cpv: p.cpvDivision, valueCents: p.valueCents, thresholdCents: p.thresholdCents, aboveThreshold: p.aboveThreshold, canJoin: p.plans.some((x) => mine.includes(x.plan.ags)) })),
		bundles: bundles.map((b) => ({ id: b.bundle.id, title: b.bundle.title, measureId: b.bundle.measureId, plans: b.plans.map(plan), comments: b.comments.map((c) => ({ id: c.id, text: c.text, author: c.authorName, at: c.createdAt.toISOString() })), municipalities: [...new Set(b.plans.map((p) => p.plan.ags))] })),
		myMunicipalities: choices.municipalities.filter((m) => mine.includes(m.ags)).map((m) => ({ ags: m.ags, name: m.name })),
		names: Object.fromEntries(choices.municipalities.map((m) => [m.ags, m.name])),
		fields: choices.fields.map((f) => ({ id: f.id, number: f.number, title: f.title.de })),
		goals: choices.goals.map((g) => ({ id: g.id, number: g.number, title: g.shortTitle.de }))
	};
};

async function attempt(name: string, values: Record<string, string>, run: () => Promise<unknown>) {
	try {
		await run();
	} catch (e) {
		if (e instanceof BundlingError) return fail(400, { action: name, values, message: e.message, field: e.field });
		// the measure it becomes is checked like any other (lead, action field, goal)
		if (e instanceof CooperationError) return fail(400, { action: name, values, message: translator('de', {})(e.message as MessageKey), field: e.field });
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		if (e instanceof ForbiddenError) error(403, 'Das dürfen hier nur die beteiligten Kommunen und die Koordinierungsstelle.');
		throw e;
	}
	return { action: name, saved: true };
}

const idOf = (v: string | undefined) => (/^\d{1,9}$/.test(v ?? '') ? Number(v) : -1);
const date = (v: string | undefined) => (/^\d{4}-\d{2}-\d{2}$/.test(v ?? '') && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v! : null);

export const actions = {
	post: async ({ locals, url, request }) => {
		const actor = requireBundling(locals, url);
		const v = formValues(await request.formData());
		const refuse = (field: string, message: string) => fail(400, { action: 'post', values: v, field, message });
		const subject = (v.subject ?? '').trim();
		if (subject.length < 3 || subject.length > 200) return refuse('plan-subject', 'Bitte beschreiben Sie das Vorhaben in einer Zeile (3 bis 200 Zeichen).');
		const start = date(v.periodStart);
		const end = date(v.periodEnd);
		if (!start || !end) return refuse('plan-start', 'Bitte geben Sie den Zeitraum an (Beginn und Ende).');
		const value = parseEuros(v.value ?? '');
		if (value === undefined || value < 0) return refuse('plan-value', 'Bitte geben Sie den geschätzten Wert in Euro an (netto), z. B. 50.000.');
		return attempt('post', v, () =>
			postPlan(db(), actor, { ags: v.ags ?? '', subject, cpvDivision: (v.cpv ?? '').trim(), description: (v.description ?? '').trim().slice(0, 2000), quantity: (v.quantity ?? '').trim().slice(0, 200) || null, periodStart: start, periodEnd: end, estimatedValueCents: value })
		);
	},
	withdraw: async ({ locals, url, request }) => {
		const actor = requireBundling(locals, url);
		const v = formValues(await request.formData());
		return attempt('withdraw', v, () => withdrawPlan(db(), actor, idOf(v.plan)));
	},
	open: async ({ locals, url, request }) => {
		const actor = requireBundling(locals, url);
		const v = formValues(await request.formData());
		return attempt('open', v, () => openBundle(db(), actor, (v.plans ?? '').split(',').map(idOf), thresholds()));
	},
	comment: async ({ locals, url, request }) => {
		const actor = requireBundling(locals, url);
		const v = formValues(await request.formData());
		return attempt(`comment-${v.bundle}`, v, () => commentBundle(db(), actor, idOf(v.bundle), v.text ?? ''));
	},
	measure: async ({ locals, url, request }) => {
		const actor = requireBundling(locals, url);
		const v = formValues(await request.formData());
		let id = 0;
		const result = await attempt(`measure-${v.bundle}`, v, async () => {
			id = await bundleToMeasure(db(), actor, idOf(v.bundle), { leadAgs: v.leadAgs ?? '', actionFieldId: idOf(v.actionFieldId), goalId: idOf(v.goalId) });
		});
		if (id) redirect(303, `/verwaltung/kooperation/${id}?neu`);
		return result;
	}
};
