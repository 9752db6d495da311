import type { Dataset, PersonalField } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import { listOccurrences } from './queries.ts';
import { occurrenceRecord, type OccurrenceRecord } from './presenter.ts';

/** Every date of every published event, repeating events expanded, in order of time. */
export const eventsDataset: Dataset<OccurrenceRecord, { at: Date; id: number }> = {
	id: 'veranstaltungen',
	title: { de: 'Veranstaltungen', en: 'Events' },
	description: {
		de: 'Alle Termine der veröffentlichten Veranstaltungen in den Kommunen der Region (wiederkehrende Veranstaltungen aufgelöst) mit Ort, Kommune, Kategorien, Eintritt und Barrierefreiheit. Zum Abonnieren gibt es die Kalender als iCalendar.',
		en: 'Every date of the published events in the region’s municipalities (repeating events expanded) with place, municipality, categories, admission and accessibility. The calendars can also be subscribed to as iCalendar.'
	},
	keywords: ['Veranstaltungen', 'Kalender', 'Kultur', 'Freizeit', 'Tourismus'],
	themes: ['EDUC', 'SOCI'],
	licence: 'platform',
	columns: [
		{ name: 'event', description: 'Nummer der Veranstaltung', value: (o) => o.event },
		{ name: 'title', description: 'Titel', value: (o) => o.title },
		{ name: 'start', description: 'Beginn dieses Termins (ISO 8601, UTC)', value: (o) => o.start },
		{ name: 'end', description: 'Ende dieses Termins (ISO 8601, UTC)', value: (o) => o.end },
		{ name: 'all_day', description: 'Ganztägig (true/false)', value: (o) => o.allDay },
		{ name: 'recurring', description: 'Wiederkehrende Veranstaltung (true/false)', value: (o) => o.recurring },
		{ name: 'cancelled', description: 'Abgesagt (true/false)', value: (o) => o.cancelled },
		{ name: 'place', description: 'Ort und Adresse', value: (o) => o.place },
		{ name: 'municipality', description: 'AGS der Kommune', value: (o) => o.municipality },
		{ name: 'categories', description: 'Kategorien, durch Semikolon getrennt', value: (o) => o.categories.join(';') },
		{ name: 'free', description: 'Eintritt frei (true/false)', value: (o) => o.free },
		{ name: 'price', description: 'Preis', value: (o) => o.price },
		{ name: 'accessible', description: 'Stufenlos zugänglich (true/false)', value: (o) => o.accessible },
		{ name: 'url', description: 'Seite der Veranstaltung', value: (o) => o.url },
		{ name: 'ics', description: 'Die Veranstaltung als iCalendar-Datei', value: (o) => o.ics }
	],
	async page(db, after, limit, origin) {
		const rows = await listOccurrences(db, {}, { from: new Date(0) }, limit + 1, after);
		return keysetPage(
			rows,
			limit,
			(o) => occurrenceRecord(o, origin),
			(o) => ({ at: o.startsAt, id: o.event.id })
		);
	},
	modified: (db) => lastChange(db, 'event', 'updated_at', "status = 'published'")
};

/** The organiser's contact is shown on the event page only. */
export const eventsPersonalFields: PersonalField[] = [{ table: 'event', column: 'contact' }];
