import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { ImageError, imageRefusal, removeStoredImage, storeImage } from '#lib/server/images.ts';
import type { Storage } from '#lib/server/storage/index.ts';
import { markdownToText } from '#lib/server/markdown.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import { updateSearchDocuments } from '../../search/server/service.ts';
import type { SearchDocumentInput, SearchSource } from '../../search/server/registry.ts';
import { placeCategories } from '../categories.ts';
import type { PlaceInput } from '../schemas.ts';
import { placesPolicy } from './policy.ts';
import * as queries from './queries.ts';
import type { PlaceRow } from './queries.ts';
import { isRowId } from '#lib/ids.ts';

export class PlaceError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}


async function municipalityOf(db: Db, input: PlaceInput) {
	const m = await findMunicipalityAt(db, input.point.lon, input.point.lat);
	if (!m) throw new PlaceError('lat', 'Dieser Punkt liegt in keiner Kommune der Region.');
	return m.ags;
}

/** The upload through the image pipeline, or a refusal in the form's words. */
async function storeUpload(storage: Storage, image: Buffer | null) {
	if (!image) return null;
	try {
		return await storeImage(storage, image, 'places');
	} catch (e) {
		if (e instanceof ImageError) throw new PlaceError('image', imageRefusal(e));
		throw e;
	}
}

/** A place: the municipality follows from its point; a municipality's editors keep their own. */
export async function createPlace(db: Db, storage: Storage, actor: Actor, input: PlaceInput, image: Buffer | null) {
	const ags = await municipalityOf(db, input);
	if (!placesPolicy.edit(actor, ags)) throw new ForbiddenError();
	if (image && !input.imageAlt) throw new PlaceError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt.');
	const keys = await storeUpload(storage, image);
	try {
		const id = await transaction(db, async (tx) => {
			const row = await queries.insertPlace(tx, { ...input, municipalityAgs: ags, imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null, imageAlt: keys ? input.imageAlt : null });
			await recordAudit(tx, actor, { action: 'place.create', entityType: 'place', entityId: row.id, municipality: ags, after: { name: input.name, category: input.category } });
			return row.id;
		});
		await reindexPlace(db, id);
		return id;
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
}

export async function getPlaceForEditing(db: Db, actor: Actor, id: number) {
	const found = isRowId(id) ? await queries.findPlace(db, id) : undefined;
	if (!found) throw new NotFoundError();
	if (!placesPolicy.edit(actor, found.place.municipalityAgs)) throw new ForbiddenError();
	return found;
}

export async function updatePlace(db: Db, storage: Storage, actor: Actor, id: number, input: PlaceInput, image: Buffer | null, removeImage: boolean) {
	const { place: before } = await getPlaceForEditing(db, actor, id);
	const ags = await municipalityOf(db, input);
	if (!placesPolicy.edit(actor, ags)) throw new ForbiddenError();
	if (image && !input.imageAlt) throw new PlaceError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt.');
	const keys = await storeUpload(storage, image);
	const dropOld = Boolean(keys) || removeImage;
	try {
		await transaction(db, async (tx) => {
			await queries.updatePlace(tx, id, {
				...input,
				municipalityAgs: ags,
				...(dropOld ? { imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null } : {}),
				imageAlt: (keys ?? (!removeImage && before.imageKey)) ? input.imageAlt : null
			});
			await recordAudit(tx, actor, { action: 'place.update', entityType: 'place', entityId: id, municipality: ags, before: { name: before.name, openingHours: before.openingHours }, after: { name: input.name, openingHours: input.openingHours } });
		});
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
	if (dropOld) await removeStoredImage(storage, before);
	await reindexPlace(db, id);
}

export async function removePlace(db: Db, storage: Storage, actor: Actor, id: number) {
	const { place: p } = await getPlaceForEditing(db, actor, id);
	await transaction(db, async (tx) => {
		await queries.deletePlace(tx, id);
		await recordAudit(tx, actor, { action: 'place.remove', entityType: 'place', entityId: id, municipality: p.municipalityAgs, before: { name: p.name } });
	});
	await removeStoredImage(storage, p);
	await updateSearchDocuments(db, placesSearchSource, [`place-${id}`], []);
}

/** A place for its public page, with the events coming up there. */
export async function getPublicPlace(db: Db, id: number, now = new Date()) {
	const found = isRowId(id) ? await queries.findPlace(db, id) : undefined;
	if (!found) throw new NotFoundError();
	// the events linked to the place, and those with a point within 100 m of it
	const [linked, near] = await Promise.all([queries.eventsAtPlace(db, id, now, 10), queries.eventsNear(db, { lon: found.lon, lat: found.lat }, 100, now, 10)]);
	const events = [...new Map([...linked, ...near].map((e) => [`${e.id}-${e.startsAt.toISOString()}`, e])).values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, 10);
	return { ...found, events };
}

function searchDocuments(p: PlaceRow, municipalityName: string): SearchDocumentInput[] {
	return (['de', 'en'] as const).map((locale) => ({
		ref: `place-${p.id}`,
		locale,
		title: p.name,
		summary: markdownToText(p.description).slice(0, 200),
		body: [markdownToText(p.description), p.address, municipalityName, placeCategories[p.category][locale]].filter(Boolean).join(' '),
		url: `/orte/${p.id}`
	}));
}

export const placesSearchSource: SearchSource = {
	name: 'places',
	label: { de: 'Orte', en: 'Places' },
	version: 1,
	async documents(db) {
		const docs: SearchDocumentInput[] = [];
		let after: { name: string; id: number } | undefined;
		for (;;) {
			const page = await queries.listPlaces(db, {}, 500, after);
			for (const row of page) docs.push(...searchDocuments(row.place, row.municipalityName));
			if (page.length < 500) break;
			const last = page[page.length - 1].place;
			after = { name: last.name, id: last.id };
		}
		return docs;
	}
};

async function reindexPlace(db: Db, id: number) {
	const found = await queries.findPlace(db, id);
	await updateSearchDocuments(db, placesSearchSource, [`place-${id}`], found ? searchDocuments(found.place, found.municipalityName) : []);
}
