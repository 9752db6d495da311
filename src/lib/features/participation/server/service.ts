import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { ImageError, imageRefusal, removeStoredImage, storeImage } from '#lib/server/images.ts';
import type { Storage } from '#lib/server/storage/index.ts';
import { markdownToText } from '#lib/server/markdown.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { updateSearchDocuments } from '../../search/server/service.ts';
import type { SearchDocumentInput, SearchSource } from '../../search/server/registry.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import { findMeasure } from '../../cooperation/server/queries.ts';
import { currentPhase, EDIT_GRACE_MS, ideaStatusLabels, isActive, phaseLabels, type Component } from '../phases.ts';
import type { AnswerInput, IdeaInput, ProcessInput } from '../schemas.ts';
import { participationPolicy } from './policy.ts';
import * as queries from './queries.ts';
import { isRowId } from '#lib/ids.ts';

/** A refusal in the words of the form field it concerns. */
export class ParticipationError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}

type MailContext = { origin: string };

// Processes

async function checkLinks(db: Db, input: ProcessInput) {
	for (const id of input.measureIds) if (!(await findMeasure(db, id))) throw new ParticipationError('measureIds', 'Eine der gewählten Maßnahmen gibt es nicht mehr.');
}

export async function createProcess(db: Db, actor: Actor, input: ProcessInput) {
	if (!participationPolicy.manage(actor, input.ownerAgs)) throw new ForbiddenError();
	await checkLinks(db, input);
	const id = await transaction(db, async (tx) => {
		const { phases, actionFieldIds, measureIds, ...fields } = input;
		const row = await queries.insertProcess(tx, { ...fields, createdBy: actor.id ?? null });
		await queries.replacePhases(tx, row.id, phases);
		await queries.replaceProcessLinks(tx, row.id, { actionFieldIds, measureIds });
		await recordAudit(tx, actor, { action: 'participation.process.create', entityType: 'participation_process', entityId: row.id, municipality: input.ownerAgs, after: { title: input.title, published: input.published } });
		return row.id;
	});
	await reindexProcess(db, id);
	return id;
}

export async function getProcessForManaging(db: Db, actor: Actor, id: number) {
	const found = isRowId(id) ? await queries.findProcess(db, id) : undefined;
	if (!found) throw new NotFoundError();
	if (!participationPolicy.manage(actor, found.process.ownerAgs) && !participationPolicy.answer(actor, found.process.ownerAgs) && !participationPolicy.moderate(actor, found.process.ownerAgs)) throw new ForbiddenError();
	const [phases, links] = await Promise.all([queries.phasesOf(db, [id]), queries.processLinks(db, id)]);
	return { ...found, phases, links };
}

/**
 * Changes a process. Phases that have begun keep their start: moving the start of a running
 * idea collection would change the rules under which people already took part.
 */
export async function updateProcess(db: Db, actor: Actor, id: number, input: ProcessInput, now = new Date()) {
	const before = await getProcessForManaging(db, actor, id);
	if (!participationPolicy.manage(actor, before.process.ownerAgs) || !participationPolicy.manage(actor, input.ownerAgs)) throw new ForbiddenError();
	for (const old of before.phases) {
		if (old.startsAt > now) continue;
		const next = input.phases.find((p) => p.kind === old.kind);
		if (!next || next.startsAt.getTime() !== old.startsAt.getTime()) throw new ParticipationError(`phase_${old.kind}_from`, `Die Phase „${phaseLabels[old.kind]}“ hat schon begonnen; ihr Beginn bleibt.`);
	}
	await checkLinks(db, input);
	await transaction(db, async (tx) => {
		const { phases, actionFieldIds, measureIds, ...fields } = input;
		await queries.updateProcess(tx, id, fields);
		await queries.replacePhases(tx, id, phases);
		await queries.replaceProcessLinks(tx, id, { actionFieldIds, measureIds });
		await recordAudit(tx, actor, { action: 'participation.process.update', entityType: 'participation_process', entityId: id, municipality: input.ownerAgs, before: { title: before.process.title, published: before.process.published }, after: { title: input.title, published: input.published } });
	});
	// published or withdrawn: its ideas enter or leave the search with it
	await reindexProcess(db, id);
	if (before.process.published !== input.published) for (const ideaId of await queries.ideaIdsOf(db, id)) await reindexIdea(db, ideaId);
}

/** A published process with its phases and links; a draft only for those who manage it. */
export async function getProcess(db: Db, actor: Actor, id: number) {
	const found = isRowId(id) ? await queries.findProcess(db, id) : undefined;
	if (!found || (!found.process.published && !participationPolicy.manage(actor, found.process.ownerAgs))) throw new NotFoundError();
	const [phases, links] = await Promise.all([queries.phasesOf(db, [id]), queries.processLinks(db, id)]);
	const canManage = participationPolicy.manage(actor, found.process.ownerAgs);
	return { ...found, phases, links: { fields: links.fields, measures: links.measures.filter((m) => m.isPublic || canManage) } };
}

/** Published processes with their phases, newest first. */
export async function listPublicProcesses(db: Db, limit: number, beforeId?: number) {
	const rows = await queries.listProcesses(db, { publishedOnly: true, beforeId, limit });
	const phases = await queries.phasesOf(
		db,
		rows.map((r) => r.process.id)
	);
	return rows.map((r) => ({ ...r, phases: phases.filter((p) => p.processId === r.process.id) }));
}

/** Throws unless the component runs now in a published process. */
async function requireActive(db: Db, processId: number, component: Component, now: Date) {
	const found = await queries.findProcess(db, processId);
	if (!found?.process.published) throw new NotFoundError();
	const phases = await queries.phasesOf(db, [processId]);
	if (!isActive(phases, component, now)) {
		const running = currentPhase(phases, now);
		throw new ParticipationError('phase', running ? `In der Phase „${phaseLabels[running.kind]}“ ist das nicht möglich.` : 'Das Verfahren nimmt gerade keine Beiträge an.');
	}
	return found.process;
}

function requireParticipant(actor: Actor): asserts actor is Actor & { id: string } {
	if (!participationPolicy.participate(actor)) throw new ForbiddenError('Mitmachen können angemeldete Personen mit bestätigter E-Mail-Adresse.');
}

// Ideas

async function storeUpload(storage: Storage, image: Buffer | null) {
	if (!image) return null;
	try {
		return await storeImage(storage, image, 'ideas');
	} catch (e) {
		if (e instanceof ImageError) throw new ParticipationError('image', imageRefusal(e));
		throw e;
	}
}

async function ideaPlace(db: Db, input: IdeaInput) {
	if (!input.point) return input.municipalityAgs;
	const m = await findMunicipalityAt(db, input.point.lon, input.point.lat);
	if (!m) throw new ParticipationError('location', 'Der gewählte Ort liegt außerhalb der Kommunen des Partheland.');
	return m.ags;
}

export async function submitIdea(db: Db, storage: Storage, actor: Actor, processId: number, input: IdeaInput, image: Buffer | null, now = new Date()) {
	requireParticipant(actor);
	if (!isRowId(processId)) throw new NotFoundError();
	const process = await requireActive(db, processId, 'submit', now);
	if (!process.ideaCategories.includes(input.category)) throw new ParticipationError('category', 'Bitte wählen Sie eine Kategorie.');
	if (image && !input.imageAlt) throw new ParticipationError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt.');
	const municipalityAgs = await ideaPlace(db, input);
	const keys = await storeUpload(storage, image);
	try {
		const id = await transaction(db, async (tx) => {
			const row = await queries.insertIdea(tx, { processId, authorId: actor.id, title: input.title, body: input.body, category: input.category, point: input.point, municipalityAgs, placeText: input.placeText, imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null, imageAlt: keys ? input.imageAlt : null });
			return row.id;
		});
		await reindexIdea(db, id);
		return id;
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
}

/** An idea as the public sees it (hidden ones show their reason instead of their text). */
export async function getIdea(db: Db, actor: Actor, id: number) {
	const found = isRowId(id) ? await queries.findIdea(db, id) : undefined;
	if (!found) throw new NotFoundError();
	const process = await getProcess(db, actor, found.idea.processId);
	return { ...found, process };
}

/** The author changes an idea while ideas are collected and nobody has answered it; later than 15 minutes it is marked. */
export async function editIdea(db: Db, actor: Actor, id: number, input: IdeaInput, now = new Date()) {
	requireParticipant(actor);
	const found = isRowId(id) ? await queries.findIdea(db, id) : undefined;
	if (!found) throw new NotFoundError();
	if (found.idea.authorId !== actor.id) throw new ForbiddenError('Nur die Person, die die Idee eingereicht hat, kann sie ändern.');
	if (found.idea.hiddenAt || found.idea.status !== 'submitted') throw new ParticipationError('title', 'Diese Idee kann nicht mehr geändert werden.');
	const process = await requireActive(db, found.idea.processId, 'submit', now);
	if (!process.ideaCategories.includes(input.category)) throw new ParticipationError('category', 'Bitte wählen Sie eine Kategorie.');
	const municipalityAgs = await ideaPlace(db, input);
	const edited = now.getTime() - found.idea.createdAt.getTime() > EDIT_GRACE_MS;
	await queries.updateIdea(db, id, { title: input.title, body: input.body, category: input.category, point: input.point, municipalityAgs, placeText: input.placeText, ...(edited ? { editedAt: now } : {}) });
	await reindexIdea(db, id);
}

async function activeIdea(db: Db, ideaId: number, component: Component, now: Date) {
	const found = isRowId(ideaId) ? await queries.findIdea(db, ideaId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.idea.hiddenAt) throw new ParticipationError('phase', 'Diese Idee ist ausgeblendet.');
	await requireActive(db, found.idea.processId, component, now);
	return found.idea;
}

/** One support per person (the primary key holds even when two requests race); not for one's own idea. */
export async function supportIdea(db: Db, actor: Actor, ideaId: number, now = new Date()) {
	requireParticipant(actor);
	const idea = await activeIdea(db, ideaId, 'support', now);
	if (idea.authorId === actor.id) throw new ParticipationError('support', 'Die eigene Idee können Sie nicht unterstützen.');
	return transaction(db, (tx) => queries.addSupport(tx, ideaId, actor.id));
}

/** Withdraws a support, while supports are collected. */
export async function withdrawSupport(db: Db, actor: Actor, ideaId: number, now = new Date()) {
	requireParticipant(actor);
	await activeIdea(db, ideaId, 'support', now);
	return transaction(db, (tx) => queries.removeSupport(tx, ideaId, actor.id));
}

export async function commentOnIdea(db: Db, actor: Actor, ideaId: number, body: string, parentId: number | null, now = new Date()) {
	requireParticipant(actor);
	await activeIdea(db, ideaId, 'comment', now);
	if (parentId !== null) {
		const parent = isRowId(parentId) ? await queries.findComment(db, parentId) : undefined;
		if (!parent || parent.comment.ideaId !== ideaId) throw new ParticipationError('body', 'Der Kommentar, auf den Sie antworten, gehört nicht zu dieser Idee.');
		// one level of replies: an answer to a reply joins the thread of its comment
		parentId = parent.comment.parentId ?? parent.comment.id;
	}
	return transaction(db, async (tx) => (await queries.insertComment(tx, { ideaId, parentId, authorId: actor.id, body })).id);
}

export async function editComment(db: Db, actor: Actor, commentId: number, body: string, now = new Date()) {
	requireParticipant(actor);
	const found = isRowId(commentId) ? await queries.findComment(db, commentId) : undefined;
	if (!found) throw new NotFoundError();
	if (found.comment.authorId !== actor.id) throw new ForbiddenError('Nur wer den Kommentar geschrieben hat, kann ihn ändern.');
	if (found.comment.hiddenAt) throw new ParticipationError('body', 'Dieser Kommentar ist ausgeblendet.');
	await activeIdea(db, found.comment.ideaId, 'comment', now);
	const edited = now.getTime() - found.comment.createdAt.getTime() > EDIT_GRACE_MS;
	await queries.updateComment(db, commentId, { body, ...(edited ? { editedAt: now } : {}) });
}

// Moderation

async function target(db: Db, kind: 'idea' | 'comment', id: number) {
	if (!isRowId(id)) throw new NotFoundError();
	if (kind === 'idea') {
		const found = await queries.findIdea(db, id);
		if (!found) throw new NotFoundError();
		return { processId: found.idea.processId, hiddenAt: found.idea.hiddenAt, ideaId: id };
	}
	const found = await queries.findComment(db, id);
	if (!found) throw new NotFoundError();
	return { processId: found.processId, hiddenAt: found.comment.hiddenAt, ideaId: found.comment.ideaId };
}

/** Anyone flags an idea or comment with a reason; the moderators see it in their queue. */
export async function flagContent(db: Db, actor: Actor, kind: 'idea' | 'comment', id: number, reason: string) {
	const t = await target(db, kind, id);
	await queries.insertFlag(db, { targetKind: kind, targetId: id, processId: t.processId, reason, reporterId: actor.kind === 'user' ? (actor.id ?? null) : null });
}

async function moderated(db: Db, actor: Actor, kind: 'idea' | 'comment', id: number) {
	const t = await target(db, kind, id);
	const process = await queries.findProcess(db, t.processId);
	if (!process || !participationPolicy.moderate(actor, process.process.ownerAgs)) throw new ForbiddenError();
	return { ...t, ownerAgs: process.process.ownerAgs };
}

/** Hides a contribution with a public reason; its open flags are settled. */
export async function hideContent(db: Db, actor: Actor, kind: 'idea' | 'comment', id: number, reason: string, now = new Date()) {
	const t = await moderated(db, actor, kind, id);
	await transaction(db, async (tx) => {
		if (kind === 'idea') await queries.updateIdea(tx, id, { hiddenAt: now, hiddenReason: reason });
		else await queries.updateComment(tx, id, { hiddenAt: now, hiddenReason: reason });
		await queries.resolveFlags(tx, kind, id, 'hidden');
		await recordAudit(tx, actor, { action: `participation.${kind}.hide`, entityType: kind, entityId: id, municipality: t.ownerAgs, after: { reason } });
	});
	if (kind === 'idea') await reindexIdea(db, id);
}

export async function restoreContent(db: Db, actor: Actor, kind: 'idea' | 'comment', id: number) {
	const t = await moderated(db, actor, kind, id);
	await transaction(db, async (tx) => {
		if (kind === 'idea') await queries.updateIdea(tx, id, { hiddenAt: null, hiddenReason: null });
		else await queries.updateComment(tx, id, { hiddenAt: null, hiddenReason: null });
		await queries.resolveFlags(tx, kind, id, 'restored');
		await recordAudit(tx, actor, { action: `participation.${kind}.restore`, entityType: kind, entityId: id, municipality: t.ownerAgs });
	});
	if (kind === 'idea') await reindexIdea(db, id);
}

/** The flags were unfounded: the contribution stays as it is. */
export async function keepContent(db: Db, actor: Actor, kind: 'idea' | 'comment', id: number) {
	const t = await moderated(db, actor, kind, id);
	await transaction(db, async (tx) => {
		await queries.resolveFlags(tx, kind, id, 'kept');
		await recordAudit(tx, actor, { action: `participation.${kind}.keep`, entityType: kind, entityId: id, municipality: t.ownerAgs });
	});
}

/** The moderation queue: flagged contributions with their text, oldest flag first. */
export async function moderationQueue(db: Db, actor: Actor, limit = 50) {
	const owners = participationPolicy.moderated(actor);
	const groups = await queries.openFlags(db, owners, limit);
	return Promise.all(
		groups.map(async (g) => {
			if (g.targetKind === 'idea') {
				const found = await queries.findIdea(db, g.targetId);
				return { ...g, text: found ? `${found.idea.title}\n\n${found.idea.body}` : '', authorName: found?.authorName ?? null, hidden: Boolean(found?.idea.hiddenAt), ideaId: g.targetId };
			}
			const found = await queries.findComment(db, g.targetId);
			return { ...g, text: found?.comment.body ?? '', authorName: found?.authorName ?? null, hidden: Boolean(found?.comment.hiddenAt), ideaId: found?.comment.ideaId ?? 0 };
		})
	);
}

// Official answers

/**
 * Staff answer an idea: in Prüfung, angenommen (with the measure it became or joined),
 * abgelehnt (with reasons) or umgesetzt. Author and supporters are told by mail.
 */
export async function answerIdea(db: Db, actor: Actor, ideaId: number, input: AnswerInput, ctx: MailContext, now = new Date()) {
	const found = isRowId(ideaId) ? await queries.findIdea(db, ideaId) : undefined;
	if (!found) throw new NotFoundError();
	const process = await queries.findProcess(db, found.idea.processId);
	if (!process || !participationPolicy.answer(actor, process.process.ownerAgs)) throw new ForbiddenError();
	if (input.measureId !== null && !(await findMeasure(db, input.measureId))) throw new ParticipationError('measureId', 'Diese Maßnahme gibt es nicht.');
	const measureId = input.measureId ?? (input.status === 'implemented' ? found.idea.measureId : null);
	const mailIds = await transaction(db, async (tx) => {
		await queries.updateIdea(tx, ideaId, { status: input.status, answer: input.answer, answeredAt: now, measureId });
		await recordAudit(tx, actor, { action: 'participation.idea.answer', entityType: 'idea', entityId: ideaId, municipality: process.process.ownerAgs, before: { status: found.idea.status }, after: { status: input.status, measureId } });
		if (input.status === found.idea.status && (input.answer ?? '') === (found.idea.answer ?? '')) return [];
		const ids: number[] = [];
		for (const follower of await queries.ideaFollowers(tx, ideaId)) {
			ids.push(
				await enqueueMail(tx, {
					...composeMail(follower.email, 'de', {
						subject: `Ihre Idee „${found.idea.title}“: ${ideaStatusLabels[input.status]}`,
						paragraphs: [
							`Zur Idee „${found.idea.title}“ im Beteiligungsverfahren „${process.process.title}“ gibt es eine Antwort: Sie ist ${ideaStatusLabels[input.status]}.`,
							...(input.answer ? [input.answer] : [])
						],
						action: { label: 'Zur Idee', url: `${ctx.origin}/beteiligung/ideen/${ideaId}` },
						footer: 'Sie erhalten diese Nachricht, weil Sie die Idee eingereicht oder unterstützt haben.'
					}),
					topic: `idea:${ideaId}`
				})
			);
		}
		return ids;
	});
	await reindexIdea(db, ideaId);
	return mailIds;
}

// Prioritisation

/**
 * Distributes the participant's points over the process's ideas, replacing an earlier
 * distribution. The database refuses a total over the budget even when requests race.
 */
export async function allocatePoints(db: Db, actor: Actor, processId: number, points: Map<number, number>, now = new Date()) {
	requireParticipant(actor);
	if (!isRowId(processId)) throw new NotFoundError();
	const process = await requireActive(db, processId, 'points', now);
	const total = [...points.values()].reduce((a, b) => a + b, 0);
	if (total > process.pointsBudget) throw new ParticipationError('points', `Sie haben ${total} Punkte verteilt; es sind höchstens ${process.pointsBudget}.`);
	for (const ideaId of points.keys()) {
		const found = await queries.findIdea(db, ideaId);
		if (!found || found.idea.processId !== processId || found.idea.hiddenAt) throw new ParticipationError('points', 'Punkte gehen nur an sichtbare Ideen dieses Verfahrens.');
	}
	await transaction(db, async (tx) => {
		await queries.ensureBallot(tx, processId, actor.id, process.pointsBudget);
		await queries.replaceAllocations(tx, processId, actor.id, points);
	});
}

// Search

function processDocuments(p: queries.ProcessRow): SearchDocumentInput[] {
	return (['de', 'en'] as const).map((locale) => ({ ref: `process-${p.id}`, locale, title: p.title, summary: p.summary, body: markdownToText(p.description), url: `/beteiligung/${p.id}` }));
}
function ideaDocuments(i: queries.IdeaRow): SearchDocumentInput[] {
	return (['de', 'en'] as const).map((locale) => ({ ref: `idea-${i.id}`, locale, title: i.title, summary: i.category, body: markdownToText(i.body), url: `/beteiligung/ideen/${i.id}` }));
}

export const participationSearchSource: SearchSource = {
	name: 'participation',
	label: { de: 'Beteiligung', en: 'Participation' },
	version: 1,
	async documents(db) {
		const docs: SearchDocumentInput[] = [];
		let beforeId: number | undefined;
		const published: number[] = [];
		for (;;) {
			const page = await queries.listProcesses(db, { publishedOnly: true, beforeId, limit: 200 });
			for (const row of page) {
				docs.push(...processDocuments(row.process));
				published.push(row.process.id);
			}
			if (page.length < 200) break;
			beforeId = page[page.length - 1].process.id;
		}
		let afterId: number | undefined;
		for (;;) {
			const page = await queries.listPublicIdeas(db, { afterId, limit: 1000 });
			for (const row of page) docs.push(...ideaDocuments(row.idea));
			if (page.length < 1000) break;
			afterId = page[page.length - 1].idea.id;
		}
		return docs;
	}
};

async function reindexProcess(db: Db, id: number) {
	const found = await queries.findProcess(db, id);
	await updateSearchDocuments(db, participationSearchSource, [`process-${id}`], found?.process.published ? processDocuments(found.process) : []);
}
async function reindexIdea(db: Db, id: number) {
	const found = await queries.findIdea(db, id);
	const process = found ? await queries.findProcess(db, found.idea.processId) : undefined;
	await updateSearchDocuments(db, participationSearchSource, [`idea-${id}`], found && !found.idea.hiddenAt && process?.process.published ? ideaDocuments(found.idea) : []);
}
