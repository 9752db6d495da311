import { error, fail } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { markdownToText, renderMarkdown } from '#lib/server/markdown.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import type { Db } from '#lib/server/db/client.ts';
import { currentPhase, ideaStatusLabels, phaseLabels, pointsVisible, processState, type Phase } from '../phases.ts';
import { participationPolicy } from './policy.ts';
import { ParticipationError } from './service.ts';
import type { IdeaRow, PhaseRow, ProcessRow } from './queries.ts';
import { measureTitles } from './queries.ts';
import { listMunicipalities } from '../../region/server/queries.ts';
import { listActionFields } from '../../leitbild/server/queries.ts';
import { phaseFormValues } from '../schemas.ts';

/** The glue between the participation domain and SvelteKit routes: forms, refusals, what pages show. */

/** A posted form as strings (fields with several values joined by commas) and the image, if any. */
export async function readParticipationRequest(request: Request) {
	const data = await request.formData();
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value !== 'string') continue;
		const v = value.slice(0, 25_000);
		values[key] = key in values ? `${values[key]},${v}` : v;
	}
	const file = data.get('image');
	const image = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
	return { values, image };
}

/** Runs a service call; domain refusals become the form's German messages, unknown ids 404. */
export async function attempt<T>(values: Record<string, string>, run: () => Promise<T>, extra: Record<string, unknown> = {}) {
	try {
		return { ok: true as const, result: await run() };
	} catch (e) {
		if (e instanceof ParticipationError) return { ok: false as const, failure: fail(400, { ...extra, values, errors: { [e.field]: e.message }, message: e.message }) };
		if (e instanceof NotFoundError) error(404, 'Diesen Beitrag gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, e.message);
		throw e;
	}
}

/** For loads: an unknown id is 404, a refusal 403 with its reason. */
export async function guard<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diesen Beitrag gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, e.message);
		throw e;
	}
}

const berlin = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' });
/** "1. Dezember 2026" */
export const longDate = (d: Date) => berlin(d).setLocale('de').toFormat('d. MMMM yyyy');
const lastDay = (end: Date) => longDate(berlin(end).minus({ milliseconds: 1 }).toJSDate());

export function presentPhases(phases: PhaseRow[], now = new Date()) {
	const running = currentPhase(phases, now);
	return phases.map((p) => ({
		kind: p.kind,
		label: phaseLabels[p.kind],
		from: longDate(p.startsAt),
		until: p.endsAt ? lastDay(p.endsAt) : null,
		components: p.components,
		state: p === running ? ('current' as const) : p.startsAt > now ? ('later' as const) : ('done' as const)
	}));
}

const stateLabels = { upcoming: 'demnächst', open: 'läuft', finished: 'abgeschlossen' } as const;

/** A process for lists and its page: public fields only. */
export function presentProcess(row: { process: ProcessRow; ownerName: string | null; ideas?: number }, phases: PhaseRow[], now = new Date()) {
	const p = row.process;
	const state = processState(phases, now);
	const running = currentPhase(phases, now);
	return {
		id: p.id,
		title: p.title,
		summary: p.summary,
		owner: row.ownerName ?? 'Region Partheland',
		published: p.published,
		state,
		stateLabel: stateLabels[state],
		current: running ? { label: phaseLabels[running.kind], until: running.endsAt ? lastDay(running.endsAt) : null, components: running.components } : null,
		ideas: row.ideas ?? null,
		phases: presentPhases(phases, now)
	};
}

const excerpt = (text: string) => (text.length > 220 ? `${text.slice(0, 217).replace(/\s+\S*$/, '')} …` : text);

export function presentIdea(row: { idea: IdeaRow; authorName: string | null; municipalityName?: string | null; measureTitle?: string | null; measurePublic?: boolean | null; lat?: number | null; lon?: number | null }) {
	const i = row.idea;
	return {
		id: i.id,
		processId: i.processId,
		title: i.title,
		category: i.category,
		excerpt: excerpt(markdownToText(i.body)),
		author: row.authorName ?? 'ehemaliges Konto',
		municipality: row.municipalityName ?? null,
		placeText: i.placeText,
		status: i.status,
		statusLabel: ideaStatusLabels[i.status],
		supports: i.supportCount,
		comments: i.commentCount,
		createdAt: i.createdAt.toISOString(),
		created: longDate(i.createdAt),
		edited: i.editedAt ? longDate(i.editedAt) : null,
		hidden: i.hiddenAt ? { reason: i.hiddenReason ?? '' } : null,
		measure: i.measureId && row.measureTitle && row.measurePublic ? { id: i.measureId, title: row.measureTitle } : null,
		thumb: i.thumbKey ? { src: `/beteiligung/ideen/${i.id}/bild?klein`, alt: i.imageAlt ?? '' } : null
	};
}
export type PresentedIdea = ReturnType<typeof presentIdea>;

/** The full idea for its page: text as safe HTML, answer, point. */
export function presentIdeaPage(row: Parameters<typeof presentIdea>[0]) {
	const i = row.idea;
	return {
		...presentIdea(row),
		html: i.hiddenAt ? '' : renderMarkdown(i.body),
		answer: i.answer ? { html: renderMarkdown(i.answer), at: i.answeredAt ? longDate(i.answeredAt) : null } : null,
		point: row.lat != null && row.lon != null ? { lat: row.lat, lon: row.lon } : null,
		image: i.imageKey ? { src: `/beteiligung/ideen/${i.id}/bild`, alt: i.imageAlt ?? '' } : null
	};
}

/** What the actor may do in the phase running now, for the page's call to action. */
export function participationNow(actor: Actor, phases: Phase[], now = new Date()) {
	const running = currentPhase(phases, now);
	return {
		submit: running?.components.includes('submit') ?? false,
		support: running?.components.includes('support') ?? false,
		comment: running?.components.includes('comment') ?? false,
		points: running?.components.includes('points') ?? false,
		survey: running?.components.includes('survey') ?? false,
		pointsVisible: pointsVisible(phases, now),
		signedIn: actor.kind === 'user',
		canParticipate: participationPolicy.participate(actor)
	};
}

/** Public writes per account and per client address (a town hall shares one address: generous). */
const limits = {
	idea: { perAccount: 10, perClient: 60 },
	comment: { perAccount: 60, perClient: 300 },
	support: { perAccount: 300, perClient: 1000 },
	points: { perAccount: 60, perClient: 600 },
	flag: { perAccount: 30, perClient: 60 },
	survey: { perAccount: 60, perClient: 300 }
} as const;

export async function withinParticipationLimit(db: Db, kind: keyof typeof limits, actor: Actor, client: string) {
	const a = actor.id ? await consumeRateLimit(db, `participation:${kind}:account:${actor.id}`, limits[kind].perAccount, 3600) : { allowed: true };
	const b = await consumeRateLimit(db, `participation:${kind}:client:${client}`, limits[kind].perClient, 3600);
	return a.allowed && b.allowed;
}

export const TOO_MANY = 'Sie haben in der letzten Stunde sehr viele Beiträge abgegeben. Bitte versuchen Sie es später noch einmal.';

/** Who may run a process for whom: the region (coordination office) and the actor's municipalities. */
export async function processOwners(db: Db, actor: Actor) {
	const scope = participationPolicy.creatable(actor);
	const members = (await listMunicipalities(db)).map((m) => ({ ags: m.ags, name: m.name }));
	const owners = [...(scope === 'all' ? [{ ags: '', name: 'Region (Koordinierungsstelle)' }] : []), ...members.filter((m) => scope === 'all' || scope.includes(m.ags))];
	return { owners, members };
}

/** The choices of the process form: owners, members, action fields, measures. */
export async function processChoices(db: Db, actor: Actor) {
	const [{ owners, members }, fields, measures] = await Promise.all([processOwners(db, actor), listActionFields(db), measureTitles(db)]);
	return { owners, members, fields: fields.map((f) => ({ id: f.id, label: `${f.number}. ${f.title.de}` })), measures };
}

/** A stored process as the form's strings. */
export function processFormValues(p: ProcessRow, phases: PhaseRow[], links: { fields: { id: number }[]; measures: { id: number }[] }): Record<string, string> {
	return {
		title: p.title,
		summary: p.summary,
		description: p.description,
		ownerAgs: p.ownerAgs ?? '',
		municipalities: p.municipalities.join(','),
		published: p.published ? 'on' : '',
		pointsBudget: String(p.pointsBudget),
		ideaCategories: p.ideaCategories.join('\n'),
		resultText: p.resultText ?? '',
		actionFieldIds: links.fields.map((f) => f.id).join(','),
		measureIds: links.measures.map((m) => m.id).join(','),
		...phaseFormValues(phases)
	};
}
