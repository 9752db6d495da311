import { DateTime } from 'luxon';
import { newsStatuses, type NewsStatus } from './server/tables.ts';
import type { NewsInput } from './server/service.ts';

const TIMEZONE = 'Europe/Berlin';

/**
 * Reads the news form: German messages per field; the values stay as typed. A publish time
 * (Berlin) ahead schedules the item; without one, publishing means now.
 */
export function readNewsForm(v: Record<string, string>): { input: NewsInput } | { errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const title = (v.title ?? '').trim();
	const teaser = (v.teaser ?? '').trim();
	const body = (v.body ?? '').trim();
	const author = (v.author ?? '').trim();
	if (title.length < 3 || title.length > 200) errors.title = 'Bitte geben Sie eine Überschrift mit 3 bis 200 Zeichen an.';
	if (teaser.length < 10 || teaser.length > 500) errors.teaser = 'Bitte fassen Sie die Nachricht in 10 bis 500 Zeichen zusammen.';
	if (body.length < 10 || body.length > 20_000) errors.body = 'Bitte schreiben Sie den Text der Nachricht (10 bis 20.000 Zeichen).';
	if (author.length < 2 || author.length > 120) errors.author = 'Bitte geben Sie an, wer die Nachricht verantwortet (z. B. Redaktion Borsdorf).';
	const status: NewsStatus = (newsStatuses as readonly string[]).includes(v.status) ? (v.status as NewsStatus) : 'draft';
	let publishAt: Date | null = null;
	if (v.publishDay) {
		const at = DateTime.fromISO(`${v.publishDay}T${/^\d{2}:\d{2}$/.test(v.publishTime ?? '') ? v.publishTime : '00:00'}`, { zone: TIMEZONE });
		if (!/^\d{4}-\d{2}-\d{2}$/.test(v.publishDay) || !at.isValid) errors.publishDay = 'Bitte geben Sie ein gültiges Datum der Veröffentlichung an.';
		else publishAt = at.toJSDate();
	} else if (v.publishTime) errors.publishDay = 'Bitte geben Sie zur Uhrzeit auch den Tag der Veröffentlichung an.';
	if (Object.keys(errors).length) return { errors };
	return {
		input: {
			title,
			teaser,
			body,
			author,
			status,
			publishAt,
			municipalityAgs: /^\d{8}$/.test(v.municipalityAgs ?? '') ? v.municipalityAgs : null,
			imageAlt: (v.imageAlt ?? '').trim().slice(0, 300) || null
		}
	};
}
