import type { Db } from '#lib/server/db/client.ts';
import { berlinStartOfDay } from '#lib/server/time.ts';
import { regionQueries } from '../../region/server/index.ts';
import * as queries from './queries.ts';
import { openStatuses, reportStatuses, type ReportStatus } from './tables.ts';

export const PAGE_SIZE = 20;

/** The statuses a filter word means: "offen", "abgeschlossen" or one status; anything else: all. */
export function statusesFor(word: string): ReportStatus[] | undefined {
	if (word === 'offen') return [...openStatuses];
	if (word === 'abgeschlossen') return reportStatuses.filter((s) => !openStatuses.includes(s));
	return reportStatuses.includes(word as ReportStatus) ? [word as ReportStatus] : undefined;
}

/**
 * The public list's filters from the address bar (so that every view is a link and works
 * without JavaScript): kommune (slug, AGS or name), kategorie (code), status (offen, abgeschlossen or one
 * status), von/bis (dates), vor (keyset: ids below), bbox (the map's viewport: lon,lat,lon,lat). Unknown values are ignored, not errors.
 */
export async function readPublicFilter(db: Db, params: URLSearchParams) {
	const municipalitySlug = params.get('kommune') ?? '';
	const categoryCode = params.get('kategorie') ?? '';
	const status = params.get('status') ?? '';
	const from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('von') ?? '') ? params.get('von')! : '';
	const to = /^\d{4}-\d{2}-\d{2}$/.test(params.get('bis') ?? '') ? params.get('bis')! : '';
	const municipality = municipalitySlug ? await regionQueries.findMunicipalityNamed(db, municipalitySlug) : undefined;
	const category = categoryCode ? await queries.findActiveCategory(db, categoryCode) : undefined;
	const statuses = statusesFor(status);
	const before = /^\d{1,10}$/.exec(params.get('vor') ?? '');
	const single = /^\d{1,10}$/.exec(params.get('nr') ?? '');
	const bbox = (params.get('bbox') ?? '').split(',').map(Number);
	const validBbox = bbox.length === 4 && bbox.every(Number.isFinite) && bbox[0] < bbox[2] && bbox[1] < bbox[3];
	const dayAfter = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : '';
	return {
		filter: {
			municipalities: municipality ? [municipality.id] : undefined,
			categoryId: category?.id,
			statuses,
			from: from ? berlinStartOfDay(from) : undefined,
			to: dayAfter ? berlinStartOfDay(dayAfter) : undefined,
			beforeId: before ? Number(before[0]) : undefined,
			ids: single ? [Number(single[0])] : undefined,
			bbox: validBbox ? (bbox as [number, number, number, number]) : undefined
		},
		/** What the filter form shows back. */
		municipality,
		chosen: { kommune: municipality?.slug ?? '', kategorie: category?.code ?? '', status: statuses ? status : '', von: from, bis: to }
	};
}
