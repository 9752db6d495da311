import { z } from 'zod';
import { applicationStatuses, funders, measureStatuses } from './server/tables.ts';
import { parseEuros, parsePercent } from './money.ts';

/** Form values are strings; these turn them into what the service takes, with catalogue keys as messages. */
const text = (min: number, max: number, key: string) => z.string().trim().min(min, key).max(max, key);
const optionalText = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, key)
		.transform((v) => v || null);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) => isoDate.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const optionalDate = (key: string) =>
	z
		.string()
		.trim()
		.refine((v) => v === '' || validDate(v), key)
		.transform((v) => v || null);
const requiredDate = (key: string) => z.string().trim().refine(validDate, key);
const euros = (key: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			const cents = parseEuros(v);
			if (cents === undefined || cents < 0) {
				ctx.addIssue({ code: 'custom', message: key });
				return z.NEVER;
			}
			return cents;
		});
const optionalEuros = (key: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const cents = parseEuros(v);
			if (cents === undefined || cents < 0) {
				ctx.addIssue({ code: 'custom', message: key });
				return z.NEVER;
			}
			return cents;
		});
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on');
const number = (key: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			const n = Number(v.replace(',', '.'));
			if (v === '' || !Number.isFinite(n)) {
				ctx.addIssue({ code: 'custom', message: key });
				return z.NEVER;
			}
			return n;
		});
const optionalNumber = (key: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const n = Number(v.replace(',', '.'));
			if (!Number.isFinite(n)) {
				ctx.addIssue({ code: 'custom', message: key });
				return z.NEVER;
			}
			return n;
		});
const ags = z.string().regex(/^\d{8}$/, 'coop.err.lead');
const ids = z.array(z.coerce.number().int().positive());

/** Maßnahme: the fields of the main form. Lists (participants, fields, goals) come as repeated names. */
export const measureFormSchema = z
	.object({
		title: text(3, 200, 'coop.err.title'),
		description: text(10, 10_000, 'coop.err.description'),
		leadAgs: ags,
		participants: z.array(z.string().regex(/^\d{8}$/)).max(50),
		actionFields: ids.min(1, 'coop.err.actionFields'),
		goals: ids.min(1, 'coop.err.goals'),
		status: z.enum(measureStatuses, 'coop.err.status'),
		startOn: optionalDate('coop.err.date'),
		endOn: optionalDate('coop.err.date'),
		contactName: optionalText(120, 'coop.err.contact'),
		contactOrganisation: optionalText(160, 'coop.err.contact'),
		contactEmail: z
			.string()
			.trim()
			.max(200, 'coop.err.email')
			.refine((v) => v === '' || z.email().safeParse(v).success, 'coop.err.email')
			.transform((v) => v.toLowerCase() || null),
		contactPhone: optionalText(60, 'coop.err.contact'),
		visibility: z.enum(['public', 'internal'], 'coop.err.visibility'),
		lighthouse: checkbox
	})
	.refine((m) => !m.startOn || !m.endOn || m.endOn >= m.startOn, { path: ['endOn'], message: 'coop.err.endBeforeStart' });
export type MeasureForm = z.infer<typeof measureFormSchema>;
export const measureFormFields = ['title', 'description', 'leadAgs', 'status', 'startOn', 'endOn', 'contactName', 'contactOrganisation', 'contactEmail', 'contactPhone', 'visibility', 'lighthouse'];
export const measureListFields = ['participants', 'actionFields', 'goals'];

export const milestoneFormSchema = z.object({ title: text(2, 200, 'coop.err.milestoneTitle'), dueOn: requiredDate('coop.err.date') });
export const progressFormSchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('milestones') }),
	z.object({
		mode: z.literal('manual'),
		progress: z
			.string()
			.trim()
			.regex(/^\d{1,3}$/, 'coop.err.progress')
			.transform(Number)
			.refine((n) => n <= 100, 'coop.err.progress'),
		reason: text(3, 500, 'coop.err.progressReason')
	})
]);
export const updateFormSchema = z.object({ text: text(3, 4000, 'coop.err.updateText') });
export const costYearSchema = z.object({
	year: z.coerce.number('coop.err.year').int('coop.err.year').min(2000, 'coop.err.year').max(2100, 'coop.err.year'),
	budget: euros('coop.err.amount'),
	actual: euros('coop.err.amount')
});
export const costKeyKinds = ['equal', 'inhabitants', 'percentages', 'lead'] as const;
export const percentSchema = z.string().transform((v, ctx) => {
	const bp = parsePercent(v === '' ? '0' : v);
	if (bp === undefined) {
		ctx.addIssue({ code: 'custom', message: 'coop.err.percent' });
		return z.NEVER;
	}
	return bp;
});

export const indicatorFormSchema = z.object({
	name: text(2, 200, 'coop.err.indicatorName'),
	unit: text(1, 40, 'coop.err.unit'),
	baseline: optionalNumber('coop.err.number'),
	target: optionalNumber('coop.err.number'),
	direction: z.enum(['higher', 'lower'], 'coop.err.direction')
});
export const indicatorFormFields = ['name', 'unit', 'baseline', 'target', 'direction'];
export const indicatorValueFormSchema = z.object({
	measuredOn: requiredDate('coop.err.date'),
	value: number('coop.err.number'),
	source: optionalText(300, 'coop.err.source')
});
export const indicatorValueFormFields = ['measuredOn', 'value', 'source'];

export const programmeFormSchema = z.object({
	name: text(3, 200, 'coop.err.programmeName'),
	funder: z.enum(funders, 'coop.err.funder'),
	rate: z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const bp = parsePercent(v);
			if (bp === undefined) {
				ctx.addIssue({ code: 'custom', message: 'coop.err.percent' });
				return z.NEVER;
			}
			return bp;
		}),
	maxAmount: optionalEuros('coop.err.amount'),
	/** One per line: "2027-03-31 Stichtag Frühjahr". */
	deadlines: z
		.string()
		.max(2000, 'coop.err.deadlines')
		.transform((v, ctx) => {
			const out: { on: string; label: string }[] = [];
			for (const line of v.split('\n').map((l) => l.trim()).filter(Boolean)) {
				const m = /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(line);
				if (!m || !validDate(m[1])) {
					ctx.addIssue({ code: 'custom', message: 'coop.err.deadlines' });
					return z.NEVER;
				}
				out.push({ on: m[1], label: m[2].slice(0, 120) || 'Einreichungsfrist' });
			}
			return out.sort((a, b) => a.on.localeCompare(b.on));
		}),
	actionFields: ids,
	link: z
		.string()
		.trim()
		.max(500, 'coop.err.link')
		.refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'coop.err.link')
		.transform((v) => v || null),
	notes: optionalText(4000, 'coop.err.notes'),
	active: checkbox
});
export type ProgrammeForm = z.infer<typeof programmeFormSchema>;
export const programmeFormFields = ['name', 'funder', 'rate', 'maxAmount', 'deadlines', 'link', 'notes', 'active'];

export const applicationFormSchema = z
	.object({
		programmeId: z.coerce.number('coop.err.programme').int('coop.err.programme').positive('coop.err.programme'),
		status: z.enum(applicationStatuses, 'coop.err.status'),
		eligibleCosts: euros('coop.err.amount'),
		requested: euros('coop.err.amount'),
		granted: optionalEuros('coop.err.amount'),
		submitBy: optionalDate('coop.err.date'),
		submittedOn: optionalDate('coop.err.date'),
		grantedOn: optionalDate('coop.err.date'),
		proofDueOn: optionalDate('coop.err.date')
	})
	.refine((a) => a.requested <= a.eligibleCosts, { path: ['requested'], message: 'coop.err.requestedAboveEligible' })
	.refine((a) => a.granted === null || a.granted <= a.eligibleCosts, { path: ['granted'], message: 'coop.err.grantedAboveEligible' })
	.refine((a) => !['granted', 'settled'].includes(a.status) || a.granted !== null, { path: ['granted'], message: 'coop.err.grantedMissing' })
	.refine((a) => a.status === 'preparing' || a.submittedOn !== null, { path: ['submittedOn'], message: 'coop.err.submittedMissing' });
export type ApplicationForm = z.infer<typeof applicationFormSchema>;
export const applicationFormFields = ['programmeId', 'status', 'eligibleCosts', 'requested', 'granted', 'submitBy', 'submittedOn', 'grantedOn', 'proofDueOn'];
