import { error, fail } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { DateTime } from 'luxon';
import { readEventForm } from '../schemas.ts';
import { TIMEZONE } from '../recurrence.ts';
import type { EventRow } from './queries.ts';
import { EventError } from './service.ts';
import { config } from '#lib/server/config.ts';

/** The event form as posted: its text fields, the chosen categories and the image, if any. */
export async function readEventRequest(request: Request) {
	const data = await request.formData();
	const values = Object.fromEntries([...data].filter(([k, v]) => typeof v === 'string' && k !== 'categories').map(([k, v]) => [k, String(v).slice(0, 20_000)])) as Record<string, string>;
	const categories = data.getAll('categories').map(String);
	const file = data.get('image');
	const image = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
	// the form shows the categories again as typed
	values.categories = categories.join(',');
	return { values, read: readEventForm(values, categories), image };
}

/** Runs an event use case for a form: German messages per field for refusals, 404/403 otherwise. */
export async function attemptEvent<T>(values: Record<string, string>, run: () => Promise<T>) {
	try {
		return { ok: true as const, result: await run() };
	} catch (e) {
		if (e instanceof EventError) return { ok: false as const, failure: fail(400, { values, errors: { [e.field]: e.message } }) };
		if (e instanceof NotFoundError) error(404, 'Diese Veranstaltung gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, e.message);
		throw e;
	}
}

const berlin = (at: Date) => DateTime.fromJSDate(at, { zone: TIMEZONE });

/**
 * An event as the form's strings: Berlin days and times; a rule the form can build is shown as
 * its choice (weekly, every two weeks, monthly) with its end day, anything else as a custom rule.
 */
export function eventFormValues(e: EventRow, point: { lat: number | null; lon: number | null }): Record<string, string> {
	const start = berlin(e.startsAt);
	const end = e.allDay ? berlin(e.endsAt).minus({ days: 1 }) : berlin(e.endsAt);
	let repeat = 'none';
	let until = '';
	let rrule = '';
	if (e.rrule) {
		const untilMatch = /;UNTIL=(\d{8}T\d{6}Z)$/.exec(e.rrule);
		const core = e.rrule.replace(/;UNTIL=\d{8}T\d{6}Z$/, '');
		const day = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][start.weekday - 1];
		const nth = Math.ceil(start.day / 7);
		const simple: Record<string, string> = { [`FREQ=WEEKLY;BYDAY=${day}`]: 'weekly', [`FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`]: 'biweekly', [`FREQ=MONTHLY;BYDAY=${nth >= 5 ? -1 : nth}${day}`]: 'monthly' };
		if (simple[core]) {
			repeat = simple[core];
			until = untilMatch ? DateTime.fromFormat(untilMatch[1], "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' }).setZone(TIMEZONE).toISODate()! : '';
		} else [repeat, rrule] = ['custom', e.rrule];
	}
	const on = (b: boolean) => (b ? 'on' : '');
	return {
		title: e.title,
		description: e.description,
		startDay: start.toISODate()!,
		startTime: e.allDay ? '' : start.toFormat('HH:mm'),
		endDay: end.toISODate() === start.toISODate() ? '' : end.toISODate()!,
		endTime: e.allDay ? '' : end.toFormat('HH:mm'),
		allDay: on(e.allDay),
		repeat,
		until,
		rrule,
		exceptions: e.exceptions.map((d) => d.split('-').reverse().join('.')).join(', '),
		additions: e.additions.map((d) => d.split('-').reverse().join('.')).join(', '),
		placeId: e.placeId ? String(e.placeId) : '',
		locationName: e.locationName ?? '',
		address: e.address ?? '',
		municipalityAgs: e.municipalityAgs,
		lat: point.lat !== null ? String(point.lat) : '',
		lon: point.lon !== null ? String(point.lon) : '',
		categories: e.categories.join(','),
		isFree: on(e.isFree),
		price: e.price ?? '',
		organiser: e.organiser ?? '',
		contact: e.contact ?? '',
		registrationUrl: e.registrationUrl ?? '',
		accessible: on(e.accessible),
		accessibilityNotes: e.accessibilityNotes ?? '',
		imageAlt: e.imageAlt ?? ''
	};
}

/** The import's defences from the settings (private addresses only where explicitly allowed). */
export function importOptions() {
	const cfg = config();
	return { allowPrivate: cfg.EVENT_IMPORT_ALLOW_PRIVATE, maxBytes: cfg.EVENT_IMPORT_MAX_BYTES, timeoutMs: cfg.EVENT_IMPORT_TIMEOUT_MS };
}
