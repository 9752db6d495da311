import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { ImageError, imageRefusal, removeStoredImage, storeImage } from '#lib/server/images.ts';
import type { Storage } from '#lib/server/storage/index.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { markdownToText } from '#lib/server/markdown.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { addressesOfRole, findAccount, findAccountByEmail } from '../../accounts/server/queries.ts';
import { grantRole } from '../../accounts/server/service.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import { findPlace } from '../../places/server/queries.ts';
import { updateSearchDocuments } from '../../search/server/service.ts';
import type { SearchDocumentInput, SearchSource } from '../../search/server/registry.ts';
import { eventCategories } from '../categories.ts';
import { expand, HORIZON_DAYS, isOpenEnded } from '../recurrence.ts';
import type { EventInput } from '../schemas.ts';
import { eventsPolicy } from './policy.ts';
import * as queries from './queries.ts';
import type { EventRow } from './queries.ts';
import { isRowId } from '#lib/ids.ts';

/** A refusal with the field it concerns and a German message for the form. */
export class EventError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.field = field;
	}
}

type MailContext = { origin: string };
const horizon = (now = new Date()) => new Date(now.getTime() + HORIZON_DAYS * 86_400_000);

/** The occurrences of an event, as stored for the calendar. */
export function occurrencesOfEvent(e: Pick<EventRow, 'startsAt' | 'endsAt' | 'allDay' | 'rrule' | 'exceptions' | 'additions'>, now = new Date()) {
	return expand({ startsAt: e.startsAt, endsAt: e.endsAt, allDay: e.allDay, rrule: e.rrule, exceptions: e.exceptions, additions: e.additions }, horizon(now));
}

/**
 * Where the event is: a place of the directory lends its name, address, point and municipality
 * (what was typed wins); otherwise the point decides the municipality, or the one chosen.
 */
async function located(db: Db, typed: EventInput): Promise<{ ags: string; input: EventInput }> {
	let input = typed;
	if (input.placeId !== null) {
		const p = await findPlace(db, input.placeId);
		if (!p) throw new EventError('placeId', 'Diesen Ort gibt es im Verzeichnis nicht (mehr).');
		input = { ...input, locationName: input.locationName ?? p.place.name, address: input.address ?? p.place.address, point: input.point ?? { lon: p.lon, lat: p.lat }, municipalityAgs: p.place.municipalityAgs };
	}
	return { ags: await placeOf(db, input), input };
}

async function placeOf(db: Db, input: EventInput) {
	// the point decides the municipality where there is one; a point outside the region is refused
	if (input.point) {
		const m = await findMunicipalityAt(db, input.point.lon, input.point.lat);
		if (!m) throw new EventError('lat', 'Dieser Ort liegt nicht in einer der Kommunen der Region.');
		return m.ags;
	}
	if (!input.municipalityAgs) throw new EventError('municipalityAgs', 'Bitte wählen Sie die Kommune, in der die Veranstaltung stattfindet.');
	return input.municipalityAgs;
}

/** The upload through the image pipeline, or a refusal in the form's words. */
async function storeUpload(storage: Storage, image: Buffer | null) {
	if (!image) return null;
	try {
		return await storeImage(storage, image, 'events');
	} catch (e) {
		if (e instanceof ImageError) throw new EventError('image', imageRefusal(e));
		throw e;
	}
}

const fieldsOf = (input: EventInput) => {
	const { rightsConfirmed: _r, municipalityAgs: _m, ...fields } = input;
	return fields;
};

/**
 * Creates an event. An editor of its municipality publishes it at once; an organiser of that
 * municipality submits it for review, confirming the rights to text and image.
 */
export async function createEvent(db: Db, storage: Storage, actor: Actor, typed: EventInput, image: Buffer | null, ctx: MailContext) {
	const { ags, input } = await located(db, typed);
	const publishes = eventsPolicy.publish(actor, ags);
	if (!publishes && !eventsPolicy.submit(actor, ags)) throw new ForbiddenError();
	if (!publishes && !input.rightsConfirmed) throw new EventError('rights', 'Bitte bestätigen Sie, dass Sie die Rechte an Text und Bild haben und der Veröffentlichung als offene Daten zustimmen.');
	if (image && !input.imageAlt) throw new EventError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt (für Menschen, die es nicht sehen).');
	const keys = await storeUpload(storage, image);
	try {
		const id = await transaction(db, async (tx) => {
			const row = await queries.insertEvent(tx, {
				...fieldsOf(input),
				municipalityAgs: ags,
				imageKey: keys?.imageKey ?? null,
				thumbKey: keys?.thumbKey ?? null,
				imageAlt: keys ? input.imageAlt : null,
				status: publishes ? 'published' : 'submitted',
				publishedAt: publishes ? new Date() : null,
				submittedBy: publishes ? null : (actor.id ?? null),
				rightsConfirmedAt: input.rightsConfirmed ? new Date() : null
			});
			await queries.replaceOccurrences(tx, row.id, occurrencesOfEvent(input));
			await recordAudit(tx, actor, { action: publishes ? 'event.publish' : 'event.submit', entityType: 'event', entityId: row.id, municipality: ags, after: { title: input.title, startsAt: input.startsAt, rrule: input.rrule } });
			return row.id;
		});
		if (publishes) await reindexEvent(db, id);
		// the mails are dispatched by the caller after this returns
		return { id, mailIds: publishes ? [] : await tellEditors(db, id, ctx) };
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
}

/** The event as its editor or organiser may change it, or 404/403. */
/**
 * Where a change comes from: the back office (editors; organisers may use it for their own
 * submissions too) or the organiser's own pages, which act only for the organiser who submitted the
 * event – editors change events in the back office, where their review is recorded as such.
 */
export type EventActing = 'back-office' | 'organiser';

async function editable(db: Db, actor: Actor, id: number, acting: EventActing = 'back-office') {
	const found = isRowId(id) ? await queries.findEvent(db, id) : undefined;
	if (!found) throw new NotFoundError();
	const e = found.event;
	if (acting === 'back-office' && eventsPolicy.publish(actor, e.municipalityAgs)) return { found, asEditor: true };
	if (eventsPolicy.editOwn(actor, e)) return { found, asEditor: false };
	if (acting === 'back-office') throw new ForbiddenError('Das dürfen hier nur die Redaktion der Kommune oder die eingetragenen Veranstalter.');
	if (actor.id && e.submittedBy === actor.id) throw new ForbiddenError('Diese Veranstaltung ist nicht mehr in Prüfung: Änderungen nimmt die Redaktion der Kommune vor.');
	if (eventsPolicy.publish(actor, e.municipalityAgs)) throw new ForbiddenError('Diese Seite ist für die Veranstalter; die Redaktion bearbeitet Veranstaltungen in der Verwaltung.');
	throw new NotFoundError(); // a stranger does not learn that a submission exists
}

/** An event as the back office or its organiser sees it (any status). */
export async function getEventForEditing(db: Db, actor: Actor, id: number, acting: EventActing = 'back-office') {
	return (await editable(db, actor, id, acting)).found;
}

/**
 * Changes an event. An organiser's change goes back to review; an editor's stays published. The
 * sequence rises, so subscribed calendars replace their entry. A new image replaces the old one;
 * `removeImage` drops it.
 */
export async function updateEvent(db: Db, storage: Storage, actor: Actor, id: number, typed: EventInput, image: Buffer | null, removeImage: boolean, ctx: MailContext, acting: EventActing = 'back-office') {
	const { found, asEditor } = await editable(db, actor, id, acting);
	const before = found.event;
	const { ags, input } = await located(db, typed);
	if (asEditor ? !eventsPolicy.publish(actor, ags) : !eventsPolicy.submit(actor, ags)) throw new ForbiddenError();
	if (!asEditor && !input.rightsConfirmed) throw new EventError('rights', 'Bitte bestätigen Sie, dass Sie die Rechte an Text und Bild haben und der Veröffentlichung als offene Daten zustimmen.');
	if (image && !input.imageAlt) throw new EventError('imageAlt', 'Bitte beschreiben Sie kurz, was das Bild zeigt (für Menschen, die es nicht sehen).');
	const keys = await storeUpload(storage, image);
	const dropOld = Boolean(keys) || removeImage;
	try {
		await transaction(db, async (tx) => {
			await queries.updateEvent(tx, id, {
				...fieldsOf(input),
				municipalityAgs: ags,
				...(dropOld ? { imageKey: keys?.imageKey ?? null, thumbKey: keys?.thumbKey ?? null } : {}),
				imageAlt: (keys ?? (!removeImage && before.imageKey)) ? input.imageAlt : null,
				status: asEditor ? before.status : 'submitted',
				sequence: before.sequence + 1,
				...(input.rightsConfirmed ? { rightsConfirmedAt: new Date() } : {})
			});
			await queries.replaceOccurrences(tx, id, occurrencesOfEvent(input));
			await recordAudit(tx, actor, {
				action: 'event.update',
				entityType: 'event',
				entityId: id,
				municipality: ags,
				before: { title: before.title, startsAt: before.startsAt, rrule: before.rrule, status: before.status },
				after: { title: input.title, startsAt: input.startsAt, rrule: input.rrule }
			});
		});
	} catch (e) {
		if (keys) await removeStoredImage(storage, keys);
		throw e;
	}
	if (dropOld) await removeStoredImage(storage, before);
	await reindexEvent(db, id);
	return asEditor ? [] : await tellEditors(db, id, ctx);
}

/**
 * An editor's review of a submitted event: published, or returned to the organiser with a
 * comment. The organiser is told by e-mail either way.
 */
export async function reviewEvent(db: Db, actor: Actor, id: number, decision: { approve: true } | { approve: false; comment: string }, ctx: MailContext) {
	const found = isRowId(id) ? await queries.findEvent(db, id) : undefined;
	if (!found) throw new NotFoundError();
	const e = found.event;
	if (!eventsPolicy.publish(actor, e.municipalityAgs)) throw new ForbiddenError();
	if (e.status !== 'submitted') throw new EventError('review', 'Diese Veranstaltung wartet nicht auf eine Prüfung.');
	const comment = decision.approve ? null : decision.comment.trim().slice(0, 2000);
	if (!decision.approve && (!comment || comment.length < 5)) throw new EventError('comment', 'Bitte schreiben Sie dem Veranstalter, was zu ändern ist.');
	const mailIds = await transaction(db, async (tx) => {
		await queries.updateEvent(tx, id, decision.approve ? { status: 'published', publishedAt: new Date(), reviewComment: null } : { status: 'returned', reviewComment: comment });
		await recordAudit(tx, actor, { action: decision.approve ? 'event.approve' : 'event.return', entityType: 'event', entityId: id, municipality: e.municipalityAgs, after: { comment } });
		const organiser = e.submittedBy ? await findAccount(tx, e.submittedBy) : undefined;
		if (!organiser) return [];
		const url = `${ctx.origin}${decision.approve ? `/veranstaltungen/${id}` : `/veranstaltungen/meine/${id}`}`;
		return [
			await enqueueMail(tx, {
				...composeMail(organiser.email, 'de', {
					subject: decision.approve ? `Veröffentlicht: ${e.title}` : `Bitte überarbeiten: ${e.title}`,
					paragraphs: decision.approve
						? [`Guten Tag ${organiser.displayName},`, `Ihre Veranstaltung „${e.title}“ ist jetzt im Veranstaltungskalender veröffentlicht.`]
						: [`Guten Tag ${organiser.displayName},`, `die Redaktion von ${found.municipalityName} bittet Sie, Ihre Veranstaltung „${e.title}“ zu überarbeiten:`, comment!, 'Nach Ihrer Änderung prüft die Redaktion sie erneut.'],
					action: { label: decision.approve ? 'Veranstaltung ansehen' : 'Veranstaltung überarbeiten', url },
					footer: 'Sie erhalten diese Nachricht, weil Sie die Veranstaltung eingereicht haben.'
				}),
				topic: `event:${id}`
			})
		];
	});
	await reindexEvent(db, id);
	return mailIds;
}

/** Takes a published event out of the calendar (feeds then carry it as cancelled), or an organiser withdraws their submission. */
export async function withdrawEvent(db: Db, actor: Actor, id: number, acting: EventActing = 'back-office') {
	const { found } = await editable(db, actor, id, acting);
	await transaction(db, async (tx) => {
		await queries.updateEvent(tx, id, { status: 'withdrawn', sequence: found.event.sequence + 1 });
		await recordAudit(tx, actor, { action: 'event.withdraw', entityType: 'event', entityId: id, municipality: found.event.municipalityAgs, before: { status: found.event.status } });
	});
	await reindexEvent(db, id);
}

/** Marks a published event as cancelled (abgesagt): it stays visible with the notice, calendars show it cancelled. */
export async function setCancelled(db: Db, actor: Actor, id: number, cancelled: boolean) {
	const found = isRowId(id) ? await queries.findEvent(db, id) : undefined;
	if (!found) throw new NotFoundError();
	if (!eventsPolicy.publish(actor, found.event.municipalityAgs)) throw new ForbiddenError();
	await transaction(db, async (tx) => {
		await queries.updateEvent(tx, id, { cancelled, sequence: found.event.sequence + 1 });
		await recordAudit(tx, actor, { action: cancelled ? 'event.cancel' : 'event.uncancel', entityType: 'event', entityId: id, municipality: found.event.municipalityAgs });
	});
}

/** Tells the editors of the event's municipality that a submission waits for them. */
async function tellEditors(db: Db, id: number, ctx: MailContext) {
	const found = (await queries.findEvent(db, id))!;
	const editors = await addressesOfRole(db, found.event.municipalityAgs, ['editor', 'municipality_admin']);
	const url = `${ctx.origin}/verwaltung/veranstaltungen/${id}`;
	const ids: number[] = [];
	for (const address of editors)
		ids.push(
			await enqueueMail(db, {
				...composeMail(address, 'de', {
					subject: `Zur Prüfung: ${found.event.title}`,
					paragraphs: ['Guten Tag,', `eine Veranstaltung für ${found.municipalityName} wartet auf Ihre Prüfung: „${found.event.title}“${found.event.organiser ? ` von ${found.event.organiser}` : ''}.`],
					action: { label: 'Veranstaltung prüfen', url },
					footer: 'Sie erhalten diese Nachricht als Redaktion Ihrer Kommune.'
				}),
				topic: `event:${id}`
			})
		);
	return ids;
}

/** A published event for its public page, or 404. */
export async function getPublicEvent(db: Db, id: number, now = new Date()) {
	const found = isRowId(id) ? await queries.findEvent(db, id) : undefined;
	if (!found || found.event.status !== 'published') throw new NotFoundError();
	const upcoming = await queries.occurrencesOf(db, id, now, 12);
	return { ...found, upcoming };
}

/** Re-expands open-ended recurring events, so the calendar always reaches the horizon (nightly). */
export async function extendOccurrences(db: Db, now = new Date()) {
	let afterId = 0;
	let extended = 0;
	for (;;) {
		const page = await queries.openEndedEvents(db, 200, afterId);
		for (const e of page) {
			if (!isOpenEnded(e.rrule)) continue;
			await queries.replaceOccurrences(db, e.id, occurrencesOfEvent(e, now));
			extended++;
		}
		if (page.length < 200) break;
		afterId = page[page.length - 1].id;
	}
	return extended;
}

function searchDocuments(e: EventRow, municipalityName: string): SearchDocumentInput[] {
	const summary = markdownToText(e.description).slice(0, 200);
	return (['de', 'en'] as const).map((locale) => ({
		ref: `event-${e.id}`,
		locale,
		title: e.title,
		summary,
		body: [markdownToText(e.description), e.locationName, e.address, municipalityName, e.organiser, ...e.categories.map((c) => eventCategories[c]?.[locale])].filter(Boolean).join(' '),
		url: `/veranstaltungen/${e.id}`
	}));
}

/** Search: published events. */
export const eventsSearchSource: SearchSource = {
	name: 'events',
	label: { de: 'Veranstaltungen', en: 'Events' },
	version: 1,
	async documents(db) {
		const docs: SearchDocumentInput[] = [];
		let afterId = 0;
		for (;;) {
			const page = await queries.listPublishedEvents(db, 500, afterId);
			for (const row of page) docs.push(...searchDocuments(row.event, row.municipalityName));
			if (page.length < 500) break;
			afterId = page[page.length - 1].event.id;
		}
		return docs;
	}
};

/** The search documents of these events as they are now (none for withdrawn or deleted ones). */
export async function reindexEvents(db: Db, ids: number[]) {
	for (const id of ids) await reindexEvent(db, id);
}

async function reindexEvent(db: Db, id: number) {
	const found = await queries.findEvent(db, id);
	const docs = found && found.event.status === 'published' ? searchDocuments(found.event, found.municipalityName) : [];
	await updateSearchDocuments(db, eventsSearchSource, [`event-${id}`], docs);
}

/**
 * Names an organiser (a club's account) for a municipality: an editor of that municipality
 * grants the role to a registered account with a confirmed address.
 */
export async function nameOrganiser(db: Db, actor: Actor, input: { email: string; municipalityAgs: string }) {
	if (!eventsPolicy.publish(actor, input.municipalityAgs)) throw new ForbiddenError();
	const target = await findAccountByEmail(db, input.email.trim());
	if (!target || !target.emailVerifiedAt) throw new EventError('email', 'Zu dieser Adresse gibt es kein bestätigtes Konto. Der Verein registriert sich zuerst selbst.');
	return grantRole(db, actor, { accountId: target.id, role: 'organiser', municipality: input.municipalityAgs });
}

/** The organisers of the municipalities whose events the actor publishes. */
export async function listOrganisers(db: Db, actor: Actor) {
	const scope = eventsPolicy.publishable(actor);
	return queries.organisersOf(db, scope);
}
