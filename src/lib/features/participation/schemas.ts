import { DateTime } from 'luxon';
import { isRowId } from '#lib/ids.ts';
import { components, defaultIdeaCategories, ideaStatuses, phaseKinds, phaseLabels, type Component, type IdeaStatus, type PhaseKind } from './phases.ts';

const TIMEZONE = 'Europe/Berlin';
const day = /^\d{4}-\d{2}-\d{2}$/;
const ags = /^\d{8}$/;
type Result<T> = { input: T } | { errors: Record<string, string> };

/** Form fields with several values arrive joined by commas (checkbox groups); this splits them. */
export const listOf = (v: string | undefined) => (v ?? '').split(',').filter(Boolean);

export type PhaseInput = { kind: PhaseKind; startsAt: Date; endsAt: Date | null; components: Component[] };
export type ProcessInput = {
	title: string;
	summary: string;
	description: string;
	ownerAgs: string | null;
	municipalities: string[];
	published: boolean;
	pointsBudget: number;
	ideaCategories: string[];
	resultText: string | null;
	actionFieldIds: number[];
	measureIds: number[];
	phases: PhaseInput[];
};

/**
 * Reads the process form. Phases are given by days (Berlin): a phase runs from the start of its
 * first day to the end of its last; they follow each other in the fixed order without overlap.
 * Only the result phase may stay open-ended.
 */
export function readProcessForm(v: Record<string, string>): Result<ProcessInput> {
	const errors: Record<string, string> = {};
	const title = (v.title ?? '').trim();
	const summary = (v.summary ?? '').trim();
	const description = (v.description ?? '').trim();
	if (title.length < 3 || title.length > 200) errors.title = 'Bitte geben Sie einen Titel mit 3 bis 200 Zeichen an.';
	if (summary.length < 10 || summary.length > 500) errors.summary = 'Bitte fassen Sie das Verfahren in 10 bis 500 Zeichen zusammen.';
	if (description.length < 10 || description.length > 20_000) errors.description = 'Bitte beschreiben Sie das Verfahren (10 bis 20.000 Zeichen).';
	const budget = Number(v.pointsBudget || 10);
	if (!Number.isInteger(budget) || budget < 1 || budget > 100) errors.pointsBudget = 'Die Punkte je Person sind eine ganze Zahl von 1 bis 100.';
	const categories = [...new Set((v.ideaCategories ?? '').split('\n').map((c) => c.trim()).filter(Boolean))];
	if (categories.length > 20 || categories.some((c) => c.length > 60)) errors.ideaCategories = 'Höchstens 20 Kategorien mit je bis zu 60 Zeichen.';
	const phases: PhaseInput[] = [];
	let previousEnd: DateTime | null = null;
	for (const kind of phaseKinds) {
		if (v[`phase_${kind}`] !== 'on') continue;
		const from = v[`phase_${kind}_from`] ?? '';
		const to = v[`phase_${kind}_to`] ?? '';
		const start = day.test(from) ? DateTime.fromISO(from, { zone: TIMEZONE }) : null;
		const end = day.test(to) ? DateTime.fromISO(to, { zone: TIMEZONE }).plus({ days: 1 }) : null;
		const field = `phase_${kind}_from`;
		if (!start?.isValid) errors[field] = `Bitte geben Sie an, ab wann die Phase „${phaseLabels[kind]}“ läuft.`;
		else if (to && !end?.isValid) errors[field] = `Das Ende der Phase „${phaseLabels[kind]}“ ist kein gültiges Datum.`;
		else if (!end && kind !== 'result') errors[field] = `Bitte geben Sie an, bis wann die Phase „${phaseLabels[kind]}“ läuft.`;
		else if (end && end <= start) errors[field] = `Die Phase „${phaseLabels[kind]}“ endet vor ihrem Beginn.`;
		else if (previousEnd && start < previousEnd) errors[field] = `Die Phase „${phaseLabels[kind]}“ beginnt, bevor die vorige endet; Phasen folgen aufeinander.`;
		if (errors[field]) continue;
		previousEnd = end;
		const chosen = listOf(v[`phase_${kind}_components`]).filter((c): c is Component => (components as readonly string[]).includes(c));
		phases.push({ kind, startsAt: start!.toJSDate(), endsAt: end?.toJSDate() ?? null, components: chosen });
	}
	if (!phases.length && !Object.keys(errors).some((k) => k.startsWith('phase_'))) errors.phase_information_from = 'Bitte planen Sie mindestens eine Phase.';
	if (Object.keys(errors).length) return { errors };
	const ownerAgs = ags.test(v.ownerAgs ?? '') ? v.ownerAgs : null;
	return {
		input: {
			title,
			summary,
			description,
			ownerAgs,
			municipalities: listOf(v.municipalities).filter((m) => ags.test(m)),
			published: v.published === 'on',
			pointsBudget: budget,
			ideaCategories: categories.length ? categories : defaultIdeaCategories,
			resultText: (v.resultText ?? '').trim().slice(0, 20_000) || null,
			actionFieldIds: listOf(v.actionFieldIds).map(Number).filter(isRowId),
			measureIds: listOf(v.measureIds).map(Number).filter(isRowId),
			phases
		}
	};
}

/** The form's strings for phases as stored (Berlin days; the end day is the last full day). */
export function phaseFormValues(phases: { kind: PhaseKind; startsAt: Date; endsAt: Date | null; components: Component[] }[]) {
	const values: Record<string, string> = {};
	for (const p of phases) {
		values[`phase_${p.kind}`] = 'on';
		values[`phase_${p.kind}_from`] = DateTime.fromJSDate(p.startsAt, { zone: TIMEZONE }).toISODate()!;
		values[`phase_${p.kind}_to`] = p.endsAt ? DateTime.fromJSDate(p.endsAt, { zone: TIMEZONE }).minus({ days: 1 }).toISODate()! : '';
		values[`phase_${p.kind}_components`] = p.components.join(',');
	}
	return values;
}

export const MAX_IDEA_BODY = 5000;
export const MAX_COMMENT = 2000;

export type IdeaInput = { title: string; body: string; category: string; point: { lat: number; lon: number } | null; municipalityAgs: string | null; placeText: string | null; imageAlt: string | null };

/** Reads an idea as submitted by a citizen; `categories` are the process's. */
export function readIdeaForm(v: Record<string, string>, categories: string[]): Result<IdeaInput> {
	const errors: Record<string, string> = {};
	const title = (v.title ?? '').trim();
	const body = (v.body ?? '').trim();
	if (title.length < 5 || title.length > 150) errors.title = 'Bitte geben Sie Ihrer Idee einen Titel mit 5 bis 150 Zeichen.';
	if (body.length < 20 || body.length > MAX_IDEA_BODY) errors.body = `Bitte beschreiben Sie Ihre Idee in 20 bis ${MAX_IDEA_BODY.toLocaleString('de-DE')} Zeichen.`;
	if (!categories.includes(v.category ?? '')) errors.category = 'Bitte wählen Sie eine Kategorie.';
	let point: IdeaInput['point'] = null;
	if (v.lat || v.lon) {
		const lat = Number(v.lat);
		const lon = Number(v.lon);
		if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) errors.location = 'Der gewählte Ort ist ungültig. Bitte wählen Sie ihn erneut.';
		else point = { lat, lon };
	}
	if (Object.keys(errors).length) return { errors };
	return {
		input: {
			title,
			body,
			category: v.category,
			point,
			municipalityAgs: ags.test(v.municipalityAgs ?? '') ? v.municipalityAgs : null,
			placeText: (v.placeText ?? '').trim().slice(0, 200) || null,
			imageAlt: (v.imageAlt ?? '').trim().slice(0, 300) || null
		}
	};
}

export function readCommentBody(v: Record<string, string>): Result<string> {
	const body = (v.body ?? '').trim();
	if (body.length < 2 || body.length > MAX_COMMENT) return { errors: { body: `Ein Kommentar hat 2 bis ${MAX_COMMENT.toLocaleString('de-DE')} Zeichen.` } };
	return { input: body };
}

export function readReason(v: Record<string, string>, min = 5): Result<string> {
	const reason = (v.reason ?? '').trim();
	if (reason.length < min || reason.length > 500) return { errors: { reason: `Bitte nennen Sie einen Grund (${min} bis 500 Zeichen).` } };
	return { input: reason };
}

export type AnswerInput = { status: IdeaStatus; answer: string | null; measureId: number | null };

/** The official answer: a rejection needs a reason, an acceptance the measure the idea became or joined. */
export function readAnswerForm(v: Record<string, string>): Result<AnswerInput> {
	const status = v.status as IdeaStatus;
	const answer = (v.answer ?? '').trim();
	const measureId = /^\d+$/.test(v.measureId ?? '') ? Number(v.measureId) : null;
	const errors: Record<string, string> = {};
	if (!(ideaStatuses as readonly string[]).includes(status)) errors.status = 'Bitte wählen Sie einen Stand.';
	else if (status === 'rejected' && answer.length < 10) errors.answer = 'Bitte begründen Sie die Ablehnung (mindestens 10 Zeichen).';
	else if (status === 'accepted' && !measureId) errors.measureId = 'Bitte nennen Sie die Maßnahme, zu der die Idee wurde oder in der sie aufgeht.';
	if (answer.length > 5000) errors.answer = 'Die Antwort hat höchstens 5.000 Zeichen.';
	if (Object.keys(errors).length) return { errors };
	return { input: { status, answer: answer || null, measureId } };
}

/** Points per idea as posted (`points_<ideaId>`); empty fields are no points. */
export function readPointsForm(v: Record<string, string>): Result<Map<number, number>> {
	const points = new Map<number, number>();
	for (const [key, value] of Object.entries(v)) {
		const m = /^points_(\d+)$/.exec(key);
		if (!m || value.trim() === '') continue;
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0 || n > 100) return { errors: { points: 'Punkte sind ganze Zahlen ab 0.' } };
		if (n > 0) points.set(Number(m[1]), n);
	}
	return { input: points };
}
