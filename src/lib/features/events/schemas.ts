import { DateTime } from 'luxon';
import { eventCategoryKeys, isEventCategory, type EventCategory } from './categories.ts';
import { MAX_EVENT_DAYS, normaliseRule, RecurrenceError, TIMEZONE } from './recurrence.ts';

/** What the event form holds once read and checked; times are instants, days Berlin days. */
export type EventInput = {
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	allDay: boolean;
	rrule: string | null;
	exceptions: string[];
	additions: string[];
	placeId: number | null;
	locationName: string | null;
	address: string | null;
	point: { lon: number; lat: number } | null;
	municipalityAgs: string | null;
	categories: EventCategory[];
	isFree: boolean;
	price: string | null;
	organiser: string | null;
	contact: string | null;
	registrationUrl: string | null;
	accessible: boolean;
	accessibilityNotes: string | null;
	imageAlt: string | null;
	rightsConfirmed: boolean;
};

export type EventFormErrors = Record<string, string>;

const text = (v: string | undefined, max: number) => {
	const t = (v ?? '').trim();
	return t ? t.slice(0, max) : null;
};
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v, { zone: TIMEZONE }).isValid;
/** Days as typed: ISO (2026-12-24) or German (24.12.2026), separated by commas, spaces or lines. */
export function readDays(v: string | undefined): string[] | null {
	const days: string[] = [];
	for (const word of (v ?? '').split(/[\s,;]+/).filter(Boolean)) {
		const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(word);
		const iso = german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : word;
		if (!isDay(iso)) return null;
		days.push(iso);
	}
	return [...new Set(days)].sort();
}
const at = (day: string, time: string) => DateTime.fromISO(`${day}T${time}`, { zone: TIMEZONE });

/** The repetition choices of the form, each an RRULE built from the first day. */
export const repeatChoices = ['none', 'weekly', 'biweekly', 'monthly', 'custom'] as const;
const weekday = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * Reads the event form. Errors are German messages per field; the values stay as typed in the
 * form. `until` closes a repetition; a custom rule takes an RRULE value as calendar programs write it.
 */
export function readEventForm(v: Record<string, string>, categories: string[]): { input: EventInput } | { errors: EventFormErrors } {
	const errors: EventFormErrors = {};
	const title = text(v.title, 200);
	if (!title || title.length < 3) errors.title = 'Bitte geben Sie einen Titel mit mindestens 3 Zeichen an.';
	const description = (v.description ?? '').trim();
	if (description.length < 10 || description.length > 10_000) errors.description = 'Bitte beschreiben Sie die Veranstaltung (10 bis 10.000 Zeichen).';
	const allDay = v.allDay === 'on';
	const startDay = v.startDay ?? '';
	const endDay = v.endDay || startDay;
	let startsAt: DateTime | null = null;
	let endsAt: DateTime | null = null;
	if (!isDay(startDay)) errors.startDay = 'Bitte geben Sie den Tag an, an dem die Veranstaltung beginnt.';
	else if (!isDay(endDay)) errors.endDay = 'Bitte geben Sie ein gültiges Datum für das Ende an.';
	else if (allDay) {
		startsAt = at(startDay, '00:00');
		endsAt = at(endDay, '00:00').plus({ days: 1 });
	} else if (!/^\d{2}:\d{2}$/.test(v.startTime ?? '')) errors.startTime = 'Bitte geben Sie die Uhrzeit des Beginns an – oder wählen Sie „ganztägig“.';
	else {
		startsAt = at(startDay, v.startTime);
		endsAt = /^\d{2}:\d{2}$/.test(v.endTime ?? '') ? at(endDay, v.endTime) : v.endDay ? null : startsAt.plus({ hours: 2 });
		if (!endsAt) errors.endTime = 'Bitte geben Sie zum letzten Tag auch die Uhrzeit des Endes an.';
	}
	if (startsAt && endsAt && endsAt < startsAt) errors.endDay = 'Das Ende darf nicht vor dem Beginn liegen.';
	else if (startsAt && endsAt && endsAt.diff(startsAt, 'days').days > MAX_EVENT_DAYS) errors.endDay = `Eine Veranstaltung dauert höchstens ${MAX_EVENT_DAYS} Tage; für regelmäßige Termine gibt es die Wiederholung.`;

	let rrule: string | null = null;
	const repeat = (repeatChoices as readonly string[]).includes(v.repeat) ? v.repeat : 'none';
	if (repeat !== 'none' && startsAt) {
		const day = weekday[startsAt.weekday - 1];
		const nth = Math.ceil(startsAt.day / 7);
		const until = v.until ? (isDay(v.until) ? at(v.until, '23:59') : null) : undefined;
		if (until === null) errors.until = 'Bitte geben Sie ein gültiges Datum für das Ende der Wiederholung an.';
		else if (until && until < startsAt) errors.until = 'Die Wiederholung kann nicht vor dem ersten Termin enden.';
		const untilPart = until ? `;UNTIL=${until.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}` : '';
		const built =
			repeat === 'weekly' ? `FREQ=WEEKLY;BYDAY=${day}` : repeat === 'biweekly' ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}` : repeat === 'monthly' ? `FREQ=MONTHLY;BYDAY=${nth >= 5 ? -1 : nth}${day}` : (v.rrule ?? '');
		try {
			rrule = normaliseRule(repeat === 'custom' ? built : built + untilPart);
		} catch (e) {
			if (!(e instanceof RecurrenceError)) throw e;
			errors.rrule = 'Diese Regel wird nicht angenommen: z. B. FREQ=WEEKLY;BYDAY=MO,MI – höchstens täglich, ohne DTSTART.';
		}
	}
	const exceptions = readDays(v.exceptions);
	if (!exceptions) errors.exceptions = 'Bitte geben Sie die Ausnahmen als Daten an, z. B. 24.12.2026, 31.12.2026.';
	const additions = readDays(v.additions);
	if (!additions) errors.additions = 'Bitte geben Sie die zusätzlichen Termine als Daten an, z. B. 02.01.2027.';
	if (!rrule && (exceptions?.length || additions?.length) && !errors.rrule) errors.exceptions = 'Ausnahmen und zusätzliche Termine gibt es nur bei einer Wiederholung.';

	let point: EventInput['point'] = null;
	if (v.lat || v.lon) {
		const lat = Number(String(v.lat).replace(',', '.'));
		const lon = Number(String(v.lon).replace(',', '.'));
		if (!(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) errors.lat = 'Bitte geben Sie Breiten- und Längengrad als Zahlen an (z. B. 51.2789 und 12.6433).';
		else point = { lat, lon };
	}
	const chosen = categories.filter(isEventCategory);
	if (!chosen.length) errors.categories = 'Bitte wählen Sie mindestens eine Kategorie.';
	const isFree = v.isFree === 'on';
	const price = text(v.price, 200);
	if (!isFree && !price) errors.price = 'Bitte geben Sie den Eintritt an – oder kreuzen Sie „kostenlos“ an.';
	const registrationUrl = text(v.registrationUrl, 500);
	if (registrationUrl && !/^https?:\/\/[^\s]+$/i.test(registrationUrl)) errors.registrationUrl = 'Bitte geben Sie die Anmeldung als Webadresse an (https://…).';
	const locationName = text(v.locationName, 200);
	const address = text(v.address, 300);
	const placeId = /^\d{1,9}$/.test(v.placeId ?? '') ? Number(v.placeId) : null;
	if (!locationName && !address && !placeId) errors.locationName = 'Bitte wählen Sie einen Ort aus dem Verzeichnis oder geben Sie an, wo die Veranstaltung stattfindet.';

	if (Object.keys(errors).length || !startsAt || !endsAt) return { errors };
	return {
		input: {
			title: title!,
			description,
			startsAt: startsAt.toJSDate(),
			endsAt: endsAt.toJSDate(),
			allDay,
			rrule,
			exceptions: rrule ? exceptions! : [],
			additions: rrule ? additions! : [],
			placeId,
			locationName,
			address,
			point,
			municipalityAgs: /^\d{8}$/.test(v.municipalityAgs ?? '') ? v.municipalityAgs : null,
			categories: eventCategoryKeys.filter((k) => chosen.includes(k)),
			isFree,
			price: isFree ? null : price,
			organiser: text(v.organiser, 200),
			contact: text(v.contact, 300),
			registrationUrl,
			accessible: v.accessible === 'on',
			accessibilityNotes: text(v.accessibilityNotes, 1000),
			imageAlt: text(v.imageAlt, 300),
			rightsConfirmed: v.rights === 'on'
		}
	};
}
