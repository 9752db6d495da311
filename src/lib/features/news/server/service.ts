import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { ImageError, imageRefusal, removeStoredImage, storeImage } from '#lib/server/images.ts';
import type { Storage } from '#lib/server/storage/index.ts';
import { markdownToText } from '#lib/server/markdown.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { updateSearchDocuments, reindexSearch } from '../../search/server/service.ts';
import type { SearchDocumentInput, SearchSource } from '../../search/server/registry.ts';
import { newsPolicy } from './policy.ts';
import * as queries from './queries.ts';
import type { NewsRow } from './queries.ts';
import type { NewsStatus } from './tables.ts';
import { isRowId } from '#lib/ids.ts';

export class NewsError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}

export type NewsInput = { title: string; teaser: string; body: string; municipalityAgs: string | null; status: NewsStatus; publishAt: Date | null; author: string; imageAlt: string | null };


/** The upload through the image pipeline, or a refusal in the form's words. */
async function storeUpload(storage: Storage, image: Buffer | null) {
	if (!image) return null;
	try {
		return await storeImage(storage, image, 'news');
	} catch (e) {
		if (e instanceof ImageError) throw new NewsError('image', imageRefusal(e));
		throw e;
	}
}

/**
 * Publishing without a time means now (an item already out keeps its date); a time ahead
 * schedules it.
 */
function publishTime(input: NewsInput, before?: Date | null, now = new Date()) {
	if (input.status === 'draft' || input.publishAt) return input.publishAt;
	return before && before <= now ? before : now;
}

export async function createNews(db: Db, storage: Storage, actor: Actor, input: NewsInput, image: Buffer | null) {
	if (!newsPolicy.write(actor, input.municipalityAgs)) throw new ForbiddenError();
	if (image && !input.imageAlt) throw new NewsError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt.');
	const keys = await storeUpload(storage, image);
	try {
		const id = await transaction(db, async (tx) => {
			const row = await queries.insertNews(tx, { ...input, publishAt: publishTime(input), imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null, imageAlt: keys ? input.imageAlt : null, createdBy: actor.id ?? null });
			await recordAudit(tx, actor, { action: 'news.create', entityType: 'news', entityId: row.id, municipality: input.municipalityAgs, after: { title: input.title, status: input.status } });
			return row.id;
		});
		await reindexNews(db, id);
		return id;
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
}

export async function getNewsForEditing(db: Db, actor: Actor, id: number) {
	const found = isRowId(id) ? await queries.findNews(db, id) : undefined;
	if (!found) throw new NotFoundError();
	if (!newsPolicy.write(actor, found.news.municipalityAgs)) throw new ForbiddenError();
	return found;
}

/** Changes a news item, its status (draft, published – at once or scheduled –, archived) included. */
export async function updateNews(db: Db, storage: Storage, actor: Actor, id: number, input: NewsInput, image: Buffer | null, removeImage: boolean) {
	const { news: before } = await getNewsForEditing(db, actor, id);
	if (!newsPolicy.write(actor, input.municipalityAgs)) throw new ForbiddenError();
	if (image && !input.imageAlt) throw new NewsError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt.');
	const keys = await storeUpload(storage, image);
	const dropOld = Boolean(keys) || removeImage;
	try {
		await transaction(db, async (tx) => {
			await queries.updateNews(tx, id, {
				...input,
				publishAt: publishTime(input, before.publishAt),
				...(dropOld ? { imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null } : {}),
				imageAlt: (keys ?? (!removeImage && before.imageKey)) ? input.imageAlt : null
			});
			await recordAudit(tx, actor, { action: 'news.update', entityType: 'news', entityId: id, municipality: input.municipalityAgs, before: { title: before.title, status: before.status, publishAt: before.publishAt }, after: { title: input.title, status: input.status, publishAt: input.publishAt } });
		});
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
	if (dropOld) await removeStoredImage(storage, before);
	await reindexNews(db, id);
}

/** A news item as the public sees it: published and due (archived ones stay reachable by their address). */
export async function getPublicNews(db: Db, id: number, now = new Date()) {
	const found = isRowId(id) ? await queries.findNews(db, id) : undefined;
	const n = found?.news;
	if (!found || !n || n.status === 'draft' || !n.publishAt || n.publishAt > now) throw new NotFoundError();
	return found;
}

const isVisible = (n: NewsRow, now: Date) => n.status === 'published' && n.publishAt !== null && n.publishAt <= now;

function searchDocuments(n: NewsRow, place: string | null): SearchDocumentInput[] {
	return (['de', 'en'] as const).map((locale) => ({ ref: `news-${n.id}`, locale, title: n.title, summary: n.teaser, body: [markdownToText(n.body), place].filter(Boolean).join(' '), url: `/nachrichten/${n.id}` }));
}

export const newsSearchSource: SearchSource = {
	name: 'news',
	label: { de: 'Nachrichten', en: 'News' },
	version: 1,
	async documents(db) {
		const docs: SearchDocumentInput[] = [];
		const now = new Date();
		let afterId = 0;
		for (;;) {
			const page = await queries.listVisibleById(db, now, 500, afterId);
			for (const row of page) docs.push(...searchDocuments(row.news, row.municipalityName));
			if (page.length < 500) break;
			afterId = page[page.length - 1].news.id;
		}
		return docs;
	}
};

async function reindexNews(db: Db, id: number, now = new Date()) {
	const found = await queries.findNews(db, id);
	await updateSearchDocuments(db, newsSearchSource, [`news-${id}`], found && isVisible(found.news, now) ? searchDocuments(found.news, found.municipalityName) : []);
}

/** Scheduled news that became due since the last run enters the search (the job runs every few minutes). */
export async function indexDueNews(db: Db, since: Date, now = new Date()) {
	if (!(await queries.becameDue(db, since, now))) return false;
	await reindexSearch(db, [newsSearchSource]);
	return true;
}
