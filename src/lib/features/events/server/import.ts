import { createHash } from 'node:crypto';
import { ForbiddenError, NotFoundError, systemActor, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { FetchRefused, safeFetch } from '#lib/server/safe-fetch.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { addressesOfRole } from '../../accounts/server/queries.ts';
import { findMunicipalityAt } from '../../region/server/queries.ts';
import { isEventCategory, type EventCategory } from '../categories.ts';
import { CalendarFileError, parseCalendar, type ImportedEvent } from './ical-import.ts';
import { eventsPolicy } from './policy.ts';
import * as queries from './queries.ts';
import { EventError, occurrencesOfEvent, reindexEvents } from './service.ts';
import { isRowId } from '#lib/ids.ts';

/** How the import fetches: the defences are settings, so that the tests can use a loopback server. */
export type ImportOptions = { allowPrivate: boolean; maxBytes: number; timeoutMs: number };
type MailContext = { origin: string };

/**
 * Subscribes a municipality to an external iCalendar (its website's calendar). The events come in
 * published, marked with their source; only the source's own events are ever changed by it.
 */
export async function addSource(db: Db, actor: Actor, input: { url: string; municipalityAgs: string; category: string; name: string }) {
	if (!eventsPolicy.publish(actor, input.municipalityAgs)) throw new ForbiddenError();
	const url = input.url.trim();
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new EventError('url', 'Bitte geben Sie die Adresse des Kalenders an (https://…).');
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new EventError('url', 'Nur Kalender unter http:// oder https:// werden abonniert.');
	if (!isEventCategory(input.category)) throw new EventError('category', 'Bitte wählen Sie die Kategorie für Termine ohne eigene.');
	const name = input.name.trim().slice(0, 200) || parsed.hostname;
	if (await queries.sourceByUrl(db, input.municipalityAgs, url)) throw new EventError('url', 'Diesen Kalender hat die Kommune schon abonniert.');
	return transaction(db, async (tx) => {
		const row = await queries.insertSource(tx, { url, name, municipalityAgs: input.municipalityAgs, defaultCategory: input.category as EventCategory, createdBy: actor.name });
		await recordAudit(tx, actor, { action: 'event.source.add', entityType: 'event_source', entityId: row.id, municipality: input.municipalityAgs, after: { url, name } });
		return row;
	});
}

/** Ends a subscription; the events that came from it go with it. */
export async function removeSource(db: Db, actor: Actor, sourceId: number) {
	const source = isRowId(sourceId) ? await queries.findSource(db, sourceId) : undefined;
	if (!source) throw new NotFoundError();
	if (!eventsPolicy.publish(actor, source.municipalityAgs)) throw new ForbiddenError();
	const gone = (await queries.eventsOfSource(db, sourceId)).map((e) => e.id);
	await transaction(db, async (tx) => {
		await queries.deleteSource(tx, sourceId);
		await recordAudit(tx, actor, { action: 'event.source.remove', entityType: 'event_source', entityId: sourceId, municipality: source.municipalityAgs, before: { url: source.url, name: source.name } });
	});
	await reindexEvents(db, gone);
}

export async function listSources(db: Db, actor: Actor) {
	return queries.listSources(db, eventsPolicy.publishable(actor));
}

const fingerprintOf = (e: ImportedEvent) => createHash('sha256').update(e.fingerprint).digest('base64url');

/**
 * Fetches a source and brings its events up to date by UID: new ones are added, changed ones
 * updated (their sequence rises), vanished ones removed. A file that cannot be fetched or read
 * changes nothing; the source records the problem and the municipality's editors are told once
 * (when a working source stops working). Returns what happened and the mails to dispatch.
 */
export async function importSource(db: Db, sourceId: number, opts: ImportOptions, ctx: MailContext, actor: Actor = systemActor) {
	const source = await queries.findSource(db, sourceId);
	if (!source) throw new NotFoundError();
	if (actor !== systemActor && !eventsPolicy.publish(actor, source.municipalityAgs)) throw new ForbiddenError();
	let parsed: ReturnType<typeof parseCalendar>;
	try {
		const fetched = await safeFetch(source.url, { ...opts, maxRedirects: 3 });
		parsed = parseCalendar(fetched.body.toString('utf8'), { category: source.defaultCategory });
	} catch (error) {
		if (!(error instanceof FetchRefused || error instanceof CalendarFileError)) throw error;
		const mailIds = await recordFailure(db, source, error.message, ctx);
		return { ok: false as const, message: error.message, mailIds };
	}

	const existing = new Map((await queries.eventsOfSource(db, sourceId)).map((e) => [e.externalUid, e]));
	let created = 0;
	let updated = 0;
	let removed = 0;
	const touched: number[] = [];
	await transaction(db, async (tx) => {
		for (const e of parsed.events) {
			const fingerprint = fingerprintOf(e);
			const before = existing.get(e.uid);
			existing.delete(e.uid);
			if (before?.sourceFingerprint === fingerprint) continue;
			// the point decides the municipality where it lies in the region; otherwise the source's
			const at = e.point ? await findMunicipalityAt(tx, e.point.lon, e.point.lat) : undefined;
			const values = {
				title: e.title,
				description: e.description,
				startsAt: e.startsAt,
				endsAt: e.endsAt,
				allDay: e.allDay,
				rrule: e.rrule,
				exceptions: e.exceptions,
				additions: e.additions,
				locationName: e.locationName,
				point: at ? e.point : null,
				municipalityAgs: at?.ags ?? source.municipalityAgs,
				categories: e.categories,
				registrationUrl: e.registrationUrl,
				cancelled: e.cancelled,
				sourceFingerprint: fingerprint
			};
			let id: number;
			if (before) {
				id = before.id;
				await queries.updateEvent(tx, id, { ...values, sequence: before.sequence + 1 });
				updated++;
			} else {
				id = (
					await queries.insertEvent(tx, {
						...values,
						isFree: false,
						price: null,
						organiser: source.name,
						contact: null,
						accessible: false,
						accessibilityNotes: null,
						status: 'published',
						publishedAt: new Date(),
						sourceId,
						externalUid: e.uid
					})
				).id;
				created++;
			}
			await queries.replaceOccurrences(tx, id, occurrencesOfEvent(e));
			touched.push(id);
		}
		const vanished = [...existing.values()].map((e) => e.id);
		touched.push(...vanished);
		await queries.deleteEvents(tx, vanished);
		removed = vanished.length;
		await queries.updateSource(tx, sourceId, {
			lastFetchedAt: new Date(),
			lastStatus: 'ok',
			lastMessage: parsed.problems.length ? parsed.problems.slice(0, 20).join('\n') : null,
			eventCount: parsed.events.length
		});
		await recordAudit(tx, systemActor, { action: 'event.source.import', entityType: 'event_source', entityId: sourceId, municipality: source.municipalityAgs, after: { created, updated, removed: vanished.length, problems: parsed.problems.length } });
	});
	// only what changed: the calendar of a national installation has hundreds of thousands of events
	await reindexEvents(db, touched);
	return { ok: true as const, created, updated, removed, problems: parsed.problems, mailIds: [] as number[] };
}

async function recordFailure(db: Db, source: queries.SourceRow, message: string, ctx: MailContext) {
	const wasWorking = source.lastStatus !== 'error';
	await queries.updateSource(db, source.id, { lastFetchedAt: new Date(), lastStatus: 'error', lastMessage: message });
	if (!wasWorking) return [];
	const ids: number[] = [];
	for (const address of await addressesOfRole(db, source.municipalityAgs, ['editor', 'municipality_admin']))
		ids.push(
			await enqueueMail(db, {
				...composeMail(address, 'de', {
					subject: `Kalenderimport gestört: ${source.name}`,
					paragraphs: [
						'Guten Tag,',
						`der abonnierte Kalender „${source.name}“ (${source.url}) konnte nicht übernommen werden:`,
						message,
						'Die bisher übernommenen Termine bleiben im Kalender. Der Import versucht es stündlich erneut; Sie erhalten erst wieder eine Nachricht, wenn er nach einem Erfolg erneut scheitert.'
					],
					action: { label: 'Abonnements ansehen', url: `${ctx.origin}/verwaltung/veranstaltungen#import` },
					footer: 'Sie erhalten diese Nachricht als Redaktion Ihrer Kommune.'
				}),
				topic: `event-source:${source.id}`
			})
		);
	return ids;
}

/** The hourly job: every source, one after another. */
export async function importAllSources(db: Db, opts: ImportOptions, ctx: MailContext) {
	const results = [];
	for (const source of await queries.listSources(db, 'all')) results.push({ source: source.id, ...(await importSource(db, source.id, opts, ctx)) });
	return results;
}
