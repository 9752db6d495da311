import { diffLines } from 'diff';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { isForeignKeyViolation, transaction, type Db } from '#lib/server/db/client.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { leitbildSchema, type LeitbildContent } from '../schemas.ts';
import { leitbildPolicy } from './policy.ts';
import * as queries from './queries.ts';
import { reindexSearch } from '../../search/server/service.ts';
import { leitbildSearchSource } from './index.ts';

export class LeitbildInvalidError extends Error {
	issues: string[];
	constructor(issues: string[]) {
		super(`Das Leitbild ist ungültig: ${issues.join('; ')}`);
		this.issues = issues;
	}
}

/** The current Leitbild and its "Stand" (date of the newest revision). */
export async function getLeitbild(db: Db) {
	const revision = await queries.latestRevision(db);
	if (!revision) return undefined;
	return { content: revision.content, stand: revision.createdAt, revisionId: revision.id };
}

function validate(content: unknown): LeitbildContent {
	const parsed = leitbildSchema.safeParse(content);
	const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
	if (parsed.success) {
		const fields = new Set(parsed.data.actionFields.map((f) => f.number));
		const numbers = (list: { number: number }[]) => new Set(list.map((x) => x.number)).size === list.length;
		if (!numbers(parsed.data.actionFields)) issues.push('Handlungsfelder: Nummern doppelt');
		if (!numbers(parsed.data.goals)) issues.push('Leitziele: Nummern doppelt');
		for (const g of parsed.data.goals)
			for (const n of g.actionFields) if (!fields.has(n)) issues.push(`Leitziel ${g.number}: Handlungsfeld ${n} gibt es nicht`);
	}
	if (issues.length) throw new LeitbildInvalidError(issues);
	return parsed.data!;
}

/** Stores a changed Leitbild as a new revision with author and change note. */
export async function reviseLeitbild(db: Db, actor: Actor, input: { content: unknown; note: string }) {
	if (!leitbildPolicy.edit(actor)) throw new ForbiddenError();
	const note = input.note.trim();
	if (!note) throw new LeitbildInvalidError(['Bitte beschreiben Sie die Änderung.']);
	const content = validate(input.content);
	const revision = await stillReferenced(
		transaction(db, async (tx) => {
			const revision = await queries.insertRevision(tx, { content, author: actor.name, note });
			await recordAudit(tx, actor, { action: 'leitbild.revise', entityType: 'leitbild_revision', entityId: revision.id, after: { note } });
			return revision;
		})
	);
	await reindexSearch(db, [leitbildSearchSource]);
	return revision;
}

/** Goals and action fields that measures, indicators or programmes point to cannot be removed. */
async function stillReferenced<T>(write: Promise<T>) {
	try {
		return await write;
	} catch (e) {
		if (isForeignKeyViolation(e))
			throw new LeitbildInvalidError(['Ein Leitziel oder Handlungsfeld, auf das Maßnahmen, Indikatoren oder Förderprogramme verweisen, kann nicht entfernt werden. Ordnen Sie diese zuerst neu zu.']);
		throw e;
	}
}

/** Makes an earlier revision current again, as a new revision (history is never rewritten). */
export async function restoreLeitbildRevision(db: Db, actor: Actor, revisionId: number, note?: string) {
	if (!leitbildPolicy.edit(actor)) throw new ForbiddenError();
	const old = await queries.findRevision(db, revisionId);
	if (!old) throw new NotFoundError('Diese Fassung gibt es nicht.');
	const restored = await stillReferenced(transaction(db, async (tx) => {
		const revision = await queries.insertRevision(tx, {
			content: old.content,
			author: actor.name,
			note: note?.trim() || `Fassung ${revisionId} wiederhergestellt`,
			restoredFrom: revisionId
		});
		await recordAudit(tx, actor, { action: 'leitbild.restore', entityType: 'leitbild_revision', entityId: revision.id, after: { restoredFrom: revisionId, note: revision.note } });
		return revision;
	}));
	await reindexSearch(db, [leitbildSearchSource]);
	return restored;
}

/** Plain-text rendering of a Leitbild, one statement per line: the basis of the visible diff. */
export function leitbildAsText(content: LeitbildContent) {
	return [
		`Präambel: ${content.preamble.title.de}`,
		...content.preamble.statements.map((s) => `- ${s.de}`),
		...content.actionFields.map((f) => `Handlungsfeld ${f.number}: ${f.title.de} – ${f.description.de}`),
		...content.goals.map((g) => `Leitziel ${g.number} (${g.shortTitle.de}; Handlungsfelder ${g.actionFields.join(', ')}): ${g.text.de}`)
	].join('\n') + '\n';
}

/** What changed from one revision to another, as added/removed/unchanged lines. */
export async function diffLeitbildRevisions(db: Db, fromId: number, toId: number) {
	const [from, to] = await Promise.all([queries.findRevision(db, fromId), queries.findRevision(db, toId)]);
	if (!from || !to) throw new NotFoundError('Diese Fassung gibt es nicht.');
	return diffLines(leitbildAsText(from.content), leitbildAsText(to.content)).map((part) => ({
		kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
		lines: part.value.replace(/\n$/, '').split('\n')
	}));
}

export const listLeitbildRevisions = queries.listRevisions;
export const listActionFields = queries.listActionFields;
