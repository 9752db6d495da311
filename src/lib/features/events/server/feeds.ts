import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import type { Db } from '#lib/server/db/client.ts';
import { addEvent, calendarText, newCalendar, TIMEZONE } from '#lib/server/ical.ts';
import { markdownToText } from '#lib/server/markdown.ts';
import { eventCategories } from '../categories.ts';
import * as queries from './queries.ts';
import type { EventFilter, EventRow } from './queries.ts';

/** Events that ended longer ago than this are left out of the feeds. */
const FEED_PAST_DAYS = 90;

/** A day of an exception or addition at the event's usual Berlin start time. */
function onDay(e: EventRow, day: string) {
	const start = DateTime.fromJSDate(e.startsAt, { zone: TIMEZONE });
	return DateTime.fromISO(day, { zone: TIMEZONE }).set({ hour: start.hour, minute: start.minute, second: start.second }).toJSDate();
}

type FeedRow = { event: EventRow; lon: number | null; lat: number | null; municipalityName: string };

function add(calendar: ReturnType<typeof newCalendar>, row: FeedRow, origin: string) {
	const e = row.event;
	const url = `${origin}/veranstaltungen/${e.id}`;
	addEvent(calendar, {
		// stable across every change: calendars update the entry instead of adding another
		uid: `event-${e.id}@${new URL(origin).hostname}`,
		sequence: e.sequence,
		start: e.startsAt,
		end: e.endsAt,
		allDay: e.allDay,
		summary: e.cancelled ? `Abgesagt: ${e.title}` : e.title,
		description: `${markdownToText(e.description)}\n\n${url}`,
		location: [e.locationName, e.address, row.municipalityName].filter(Boolean).join(', '),
		geo: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : undefined,
		url,
		cancelled: e.cancelled,
		categories: e.categories.map((c) => eventCategories[c].de),
		lastModified: e.updatedAt,
		recurrence: e.rrule ? { rrule: e.rrule, exceptions: e.exceptions.map((d) => onDay(e, d)), additions: e.additions.map((d) => onDay(e, d)) } : undefined
	});
}

/**
 * Feeds are polled by calendar programs and large for the whole region: the text is kept per
 * selection while nothing in it has changed (every change of an event touches its updated_at,
 * withdrawing too; the day is part of the key because the feed's window moves). A cache only:
 * every process computes the same text from the database.
 */
const feedCache = new Map<string, { etag: string; text: string; gzip: Buffer }>();
const FEED_CACHE_ENTRIES = 50;

export async function cachedFeed(db: Db, filter: EventFilter, name: string, origin: string, now = new Date()) {
	const version = await queries.feedVersion(db, filter);
	const key = JSON.stringify([filter, name, origin]);
	const etag = `"${createHash('sha256').update(`${key}|${version}|${now.toISOString().slice(0, 10)}`).digest('base64url').slice(0, 27)}"`;
	const hit = feedCache.get(key);
	if (hit?.etag === etag) return hit;
	const text = await eventsFeed(db, filter, name, origin, now);
	// the region's feed is megabytes of text; compressed once, it is a fifth
	const entry = { etag, text, gzip: gzipSync(text) };
	feedCache.delete(key);
	feedCache.set(key, entry);
	if (feedCache.size > FEED_CACHE_ENTRIES) feedCache.delete(feedCache.keys().next().value!);
	return entry;
}

/** The calendar feed of the published events in a selection, read in keyset pages. */
export async function eventsFeed(db: Db, filter: EventFilter, name: string, origin: string, now = new Date()) {
	const calendar = newCalendar({ name, method: 'publish' });
	const since = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
	let afterId = 0;
	for (;;) {
		const page = await queries.listFeedEvents(db, filter, since, 500, afterId);
		for (const row of page) add(calendar, row, origin);
		if (page.length < 500) break;
		afterId = page[page.length - 1].event.id;
	}
	return calendarText(calendar, now);
}

/** One event as a calendar file ("add to calendar"). */
export function eventFile(row: FeedRow, origin: string) {
	const calendar = newCalendar({ name: row.event.title, method: 'publish' });
	add(calendar, row, origin);
	return calendarText(calendar);
}

/**
 * A calendar file; with an ETag, a client that has this version gets 304 without a body, and one
 * that accepts gzip gets the compressed copy.
 */
export function icsResponse(text: string, fileName: string, opts: { etag?: string; request?: Request; gzip?: Buffer } = {}) {
	const headers: Record<string, string> = {
		'content-type': 'text/calendar; charset=utf-8',
		'content-disposition': `inline; filename="${fileName}"`,
		'cache-control': 'public, max-age=300',
		vary: 'accept-encoding'
	};
	if (opts.etag) headers.etag = opts.etag;
	if (opts.etag && opts.request?.headers.get('if-none-match')?.split(/\s*,\s*/).includes(opts.etag)) return new Response(null, { status: 304, headers });
	if (opts.gzip && /\bgzip\b/.test(opts.request?.headers.get('accept-encoding') ?? '')) return new Response(new Uint8Array(opts.gzip), { headers: { ...headers, 'content-encoding': 'gzip' } });
	return new Response(text, { headers });
}
