import { DateTime } from 'luxon';
import type { Db } from '#lib/server/db/client.ts';
import { TIMEZONE } from '../recurrence.ts';
import type { EventCategory } from '../categories.ts';
import type { EventInput } from '../schemas.ts';
import { findAccountByEmail } from '../../accounts/server/queries.ts';
import * as queries from './queries.ts';
import { eventsSearchSource, occurrencesOfEvent } from './service.ts';
import { reindexSearch } from '../../search/server/service.ts';

const BORSDORF = '14729060';
const BRANDIS = '14729070';
const GROSSPOESNA = '14729190';
const NAUNHOF = '14729300';
const MACHERN = '14729250';

type Demo = Partial<EventInput> & { title: string; description: string; day: number; time?: string; hours?: number; days?: number; municipalityAgs: string; categories: EventCategory[]; status?: 'published' | 'submitted' };

/** Placeholder events around today, so the calendar of a demo installation is never empty. */
function demoEvents(): Demo[] {
	return [
		{ title: 'Wochenmarkt auf dem Marktplatz', description: 'Regionales Obst und Gemüse, Brot, Käse und Blumen aus dem Partheland.\n\nJeden Donnerstag am Vormittag.', day: 1, time: '08:00', hours: 4, municipalityAgs: NAUNHOF, locationName: 'Marktplatz', address: 'Markt 1, 04683 Naunhof', categories: ['feste'], isFree: true, accessible: true, rrule: 'FREQ=WEEKLY;BYDAY=TH' },
		{ title: 'Lauftreff am Parthe-Ufer', description: 'Gemeinsam laufen in zwei Tempogruppen, **für alle** offen. Treffpunkt am Parkplatz.', day: 2, time: '18:00', hours: 1.5, municipalityAgs: BORSDORF, locationName: 'Parkplatz an der Parthe', address: 'Parthenaue, 04451 Borsdorf', categories: ['sport', 'natur'], isFree: true, organiser: 'Heimatverein Borsdorf', rrule: 'FREQ=WEEKLY;BYDAY=TU' },
		{ title: 'Orgelkonzert in der Stadtkirche', description: 'Werke von Bach und Mendelssohn. Im Anschluss Gespräch mit dem Organisten.', day: 6, time: '17:00', hours: 2, municipalityAgs: BRANDIS, locationName: 'Stadtkirche Brandis', address: 'Kirchplatz, 04821 Brandis', categories: ['kultur'], price: '10 €, ermäßigt 7 €', accessible: true, accessibilityNotes: 'Eingang an der Südseite ohne Stufen.' },
		{ title: 'Seefest am Störmthaler See', description: 'Zwei Tage Musik, Drachenbootrennen und Angebote für Familien am Ufer.', day: 12, days: 2, municipalityAgs: GROSSPOESNA, locationName: 'Seeufer Störmthal', address: 'Seestraße, 04463 Großpösna', categories: ['feste', 'familie'], isFree: true, allDay: true },
		{ title: 'Seniorencafé', description: 'Kaffee, Kuchen und Gespräche – jeden ersten Mittwoch im Monat.', day: 3, time: '14:30', hours: 2, municipalityAgs: MACHERN, locationName: 'Bürgerhaus', address: 'Schloßstraße, 04827 Machern', categories: ['senioren'], price: '3 € für Kaffee und Kuchen', rrule: 'FREQ=MONTHLY;BYDAY=1WE' },
		{ title: 'Vortrag: Die Geschichte der Parthe', description: 'Der Heimatverein zeigt alte Karten und Fotos des Flusses.', day: 9, time: '19:00', hours: 1.5, municipalityAgs: BORSDORF, locationName: 'Heimatstube', address: 'Bahnhofstraße, 04451 Borsdorf', categories: ['bildung', 'vereine'], isFree: true, organiser: 'Heimatverein Borsdorf', status: 'submitted' }
	];
}

/** Creates the demo events unless any event exists. Returns how many were created. */
export async function seedDemoEvents(db: Db, now = new Date()) {
	if ((await queries.countEvents(db)) > 0) return 0;
	const organiser = await findAccountByEmail(db, 'verein.borsdorf@partheland.example');
	const today = DateTime.fromJSDate(now, { zone: TIMEZONE }).startOf('day');
	const ids: number[] = [];
	for (const d of demoEvents()) {
		// a repeating event starts on the weekday its rule names
		const weekday = d.rrule ? ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].findIndex((w) => d.rrule!.endsWith(w)) + 1 : 0;
		const monthStart = today.plus({ months: 1 }).startOf('month');
		const day = !weekday ? today.plus({ days: d.day }) : d.rrule!.includes('MONTHLY') ? monthStart.plus({ days: (weekday - monthStart.weekday + 7) % 7 }) : today.plus({ days: (weekday - today.weekday + 7) % 7 });
		const start = d.allDay ? day : DateTime.fromISO(`${day.toISODate()}T${d.time}`, { zone: TIMEZONE });
		const end = d.allDay ? day.plus({ days: d.days ?? 1 }) : start.plus({ minutes: Math.round((d.hours ?? 2) * 60) });
		// weekly and monthly rules start on the weekday they name
		const schedule = { startsAt: start.toJSDate(), endsAt: end.toJSDate(), allDay: d.allDay ?? false, rrule: d.rrule ?? null, exceptions: [], additions: [] };
		const submitted = d.status === 'submitted';
		const row = await queries.insertEvent(db, {
			title: d.title,
			description: d.description,
			...schedule,
			locationName: d.locationName ?? null,
			address: d.address ?? null,
			point: null,
			municipalityAgs: d.municipalityAgs,
			categories: d.categories,
			isFree: d.isFree ?? false,
			price: d.price ?? null,
			organiser: d.organiser ?? null,
			contact: null,
			registrationUrl: null,
			accessible: d.accessible ?? false,
			accessibilityNotes: d.accessibilityNotes ?? null,
			status: submitted ? 'submitted' : 'published',
			publishedAt: submitted ? null : now,
			submittedBy: submitted ? (organiser?.id ?? null) : null,
			rightsConfirmedAt: submitted ? now : null
		});
		await queries.replaceOccurrences(db, row.id, occurrencesOfEvent(schedule, now));
		ids.push(row.id);
	}
	await queries.markDemo(db, ids);
	await reindexSearch(db, [eventsSearchSource]);
	return ids.length;
}

/** Deletes the demo events (with their occurrences); they have no images. Returns how many. */
export async function removeDemoEvents(db: Db) {
	const removed = await queries.deleteDemo(db);
	await reindexSearch(db, [eventsSearchSource]);
	return removed;
}
