import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { db, storage } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { NotFoundError, type Actor } from '#lib/server/actor.ts';
import { cooperationPolicy } from '#lib/features/cooperation/server/policy.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { readMeasureForm } from '#lib/features/cooperation/form.ts';
import { eurosForInput } from '#lib/features/cooperation/money.ts';
import {
	applicationFormFields,
	applicationFormSchema,
	costKeyKinds,
	costYearSchema,
	indicatorFormFields,
	indicatorFormSchema,
	indicatorValueFormFields,
	indicatorValueFormSchema,
	milestoneFormSchema,
	percentSchema,
	progressFormSchema,
	updateFormSchema
} from '#lib/features/cooperation/schemas.ts';
import * as coop from '#lib/features/cooperation/server/service.ts';
import { measureFormValues, refuse } from '#lib/features/cooperation/server/web.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

const idOf = (params: Record<string, string>) => (/^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);

export const load = async ({ locals, url, params }) => {
	const actor = requireStaff(locals, url);
	const id = idOf(params);
	let m;
	try {
		m = await coop.getMeasure(db(), actor, id);
	} catch (e) {
		refuse(e);
	}
	const [choices, programmes, suggestions] = await Promise.all([coop.measureChoices(db()), coop.listProgrammes(db()), coop.fundingSuggestions(db(), [id])]);
	const form = measureFormValues(m.measure, { participants: m.scope.participants, actionFieldIds: m.links.fields.map((f) => f.id), goalIds: m.links.goals.map((g) => g.id) });
	const names = new Map(choices.municipalities.map((c) => [c.ags, c.name]));
	return {
		id,
		created: url.searchParams.has('neu'),
		canEdit: m.canEdit,
		canAddUpdate: m.canAddUpdate,
		measure: {
			title: m.measure.title,
			status: m.measure.status,
			isPublic: m.measure.isPublic,
			lead: names.get(m.measure.leadAgs) ?? m.measure.leadAgs,
			progress: m.progress,
			manualProgress: m.measure.manualProgress,
			progressReason: m.measure.progressReason,
			budgetCents: m.budgetCents,
			actualCents: m.actualCents,
			costKey: m.measure.costKey
		},
		members: [m.measure.leadAgs, ...m.scope.participants].sort().map((ags) => ({ ags, name: names.get(ags) ?? ags })),
		choices: { municipalities: choices.municipalities.map((c) => ({ ags: c.ags, name: c.name })), leads: cooperationPolicy.leadChoices(actor), fields: choices.fields, goals: choices.goals },
		stored: form.values,
		storedLists: form.lists,
		milestones: m.milestones,
		costs: m.costs.map((c) => ({ year: c.year, budgetCents: c.budgetCents, actualCents: c.actualCents, budget: eurosForInput(c.budgetCents), actual: eurosForInput(c.actualCents) })),
		costShares: m.costShares.map((s) => ({ ...s, name: names.get(s.municipality) ?? s.municipality })),
		updates: m.updates.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), municipality: u.municipalityName })),
		attachments: m.attachments.map((a) => ({ id: a.id, title: a.title, mediaType: a.mediaType, byteSize: a.byteSize })),
		related: m.related,
		indicators: m.indicators,
		applications: m.applications.map((a) => ({
			...a.application,
			programmeName: a.programmeName,
			funder: a.funder,
			own: coop.ownShare(a.application, m.measure.costKey),
			form: {
				programmeId: String(a.application.programmeId),
				status: a.application.status,
				eligibleCosts: eurosForInput(a.application.eligibleCostsCents),
				requested: eurosForInput(a.application.requestedCents),
				granted: eurosForInput(a.application.grantedCents),
				submitBy: a.application.submitBy ?? '',
				submittedOn: a.application.submittedOn ?? '',
				grantedOn: a.application.grantedOn ?? '',
				proofDueOn: a.application.proofDueOn ?? ''
			}
		})),
		programmes: programmes.map((p) => ({ id: p.id, name: p.name, active: p.active })),
		// suggested only while the measure has no living funding, as in the overview
		suggestions: m.applications.some((a) => a.application.status !== 'rejected') ? [] : (suggestions.get(id) ?? [])
	};
};

type Event = RequestEvent<{ id: string }>;
type Outcome = { errors: Record<string, MessageKey>; values: Record<string, string> } | void;

/**
 * Every form of the page: read the actor and the form, run the use case, and answer with the
 * action's name (so the page shows the message at the right form), the errors and the values typed.
 */
function action(name: string, run: (actor: Actor, id: number, data: FormData) => Promise<Outcome>) {
	return async (event: Event) => {
		const actor = requireStaff(event.locals, event.url);
		const data = await event.request.formData();
		const target = String(data.get('item') ?? '');
		try {
			const outcome = await run(actor, idOf(event.params), data);
			if (outcome) return fail(400, { action: name, target, ...outcome });
		} catch (e) {
			if (e instanceof coop.CooperationError) return fail(400, { action: name, target, errors: { [e.field]: e.message as MessageKey }, values: Object.fromEntries([...data].filter(([, v]) => typeof v === 'string')) as Record<string, string> });
			refuse(e);
		}
		return { action: name, target, saved: true };
	};
}

/** Parses with a schema; refusals come back as the action's outcome. */
function parsed<S extends z.ZodType>(schema: S, data: FormData, fields: string[], use: (input: z.infer<S>) => Promise<unknown>) {
	const form = parseForm(schema, data, fields);
	if (!form.ok) return Promise.resolve({ errors: form.errors, values: form.values });
	return use(form.data).then(() => undefined);
}

const num = (data: FormData, name: string) => {
	const v = String(data.get(name) ?? '');
	return /^\d{1,9}$/.test(v) ? Number(v) : -1;
};

/** An indicator of this measure (the form names it), or 404. */
async function indicatorOf(actor: Actor, id: number, indicatorId: number) {
	if (!(await coop.getMeasure(db(), actor, id)).indicators.some((i) => i.id === indicatorId)) throw new NotFoundError();
}

export const actions = {
	save: action('save', async (actor, id, data) => {
		const form = readMeasureForm(data);
		if (!form.ok) return { errors: form.errors, values: form.values, lists: form.lists } as Outcome;
		await coop.updateMeasure(db(), actor, id, form.data);
	}),
	progress: action('progress', (actor, id, data) => parsed(progressFormSchema, data, ['mode', 'progress', 'reason'], (input) => coop.setProgress(db(), actor, id, input))),
	addMilestone: action('addMilestone', (actor, id, data) => parsed(milestoneFormSchema, data, ['title', 'dueOn'], (input) => coop.addMilestone(db(), actor, id, input))),
	milestoneDone: action('milestoneDone', (actor, id, data) => coop.setMilestoneDone(db(), actor, id, num(data, 'milestone'), data.get('done') === 'yes')),
	removeMilestone: action('removeMilestone', (actor, id, data) => coop.removeMilestone(db(), actor, id, num(data, 'milestone'))),
	saveCosts: action('saveCosts', (actor, id, data) => parsed(costYearSchema, data, ['year', 'budget', 'actual'], (input) => coop.saveCostYear(db(), actor, id, input))),
	removeCosts: action('removeCosts', (actor, id, data) => coop.removeCostYear(db(), actor, id, num(data, 'year'))),
	costKey: action('costKey', async (actor, id, data) => {
		const kind = String(data.get('kind') ?? '');
		const values = Object.fromEntries([...data].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		if (!(costKeyKinds as readonly string[]).includes(kind)) return { errors: { kind: 'coop.err.costKey' }, values };
		const basisPoints: Record<string, number> = {};
		for (const [key, value] of data) {
			if (!key.startsWith('percent.')) continue;
			const p = percentSchema.safeParse(String(value).trim());
			if (!p.success) return { errors: { [key]: 'coop.err.percent' }, values };
			basisPoints[key.slice('percent.'.length)] = p.data;
		}
		await coop.setCostKey(db(), actor, id, { kind: kind as (typeof costKeyKinds)[number], basisPoints });
	}),
	addUpdate: action('addUpdate', (actor, id, data) => parsed(updateFormSchema, data, ['text'], (input) => coop.addMeasureUpdate(db(), actor, id, input.text))),
	addAttachment: action('addAttachment', async (actor, id, data) => {
		const file = data.get('file');
		const title = String(data.get('title') ?? '').slice(0, 200);
		if (!(file instanceof File) || file.size === 0) return { errors: { file: 'coop.err.file.empty' }, values: { title } };
		await coop.addAttachment(db(), storage(), actor, id, { title, fileName: file.name, data: Buffer.from(await file.arrayBuffer()) });
	}),
	removeAttachment: action('removeAttachment', (actor, id, data) => coop.removeAttachment(db(), storage(), actor, id, num(data, 'attachment'))),
	relate: action('relate', (actor, id, data) => coop.relateMeasures(db(), actor, id, num(data, 'related'), true)),
	unrelate: action('unrelate', (actor, id, data) => coop.relateMeasures(db(), actor, id, num(data, 'related'), false)),
	addIndicator: action('addIndicator', (actor, id, data) => parsed(indicatorFormSchema, data, indicatorFormFields, (input) => coop.createIndicator(db(), actor, { measureId: id }, input))),
	addIndicatorValue: action('addIndicatorValue', async (actor, id, data) => {
		const indicatorId = num(data, 'item');
		// the indicator must belong to this measure
		await indicatorOf(actor, id, indicatorId);
		return parsed(indicatorValueFormSchema, data, indicatorValueFormFields, (input) => coop.recordIndicatorValue(db(), actor, indicatorId, input));
	}),
	removeIndicatorValue: action('removeIndicatorValue', async (actor, id, data) => {
		const indicatorId = num(data, 'item');
		await indicatorOf(actor, id, indicatorId);
		await coop.removeIndicatorValue(db(), actor, indicatorId, num(data, 'value'));
	}),
	addApplication: action('addApplication', (actor, id, data) => parsed(applicationFormSchema, data, applicationFormFields, (input) => coop.addApplication(db(), actor, id, input))),
	updateApplication: action('updateApplication', (actor, id, data) => parsed(applicationFormSchema, data, applicationFormFields, (input) => coop.updateApplication(db(), actor, id, num(data, 'item'), input)))
};
