import { measureStatuses, type MeasureStatus } from './server/tables.ts';

/**
 * The public selection of the cockpit and the list, from the address (`kommune` as slug, `feld` as
 * the action field's number, `status`); anything unknown is ignored, so an old link still works.
 */
export function readCockpitFilter(url: URL, municipalities: { slug: string; ags: string }[]) {
	const slug = url.searchParams.get('kommune') ?? '';
	const municipality = municipalities.find((m) => m.slug === slug);
	const field = Number(url.searchParams.get('feld') ?? '');
	const status = url.searchParams.get('status') ?? '';
	return {
		ags: municipality?.ags,
		actionField: Number.isInteger(field) && field > 0 && field < 1000 ? field : undefined,
		status: (measureStatuses as readonly string[]).includes(status) ? (status as MeasureStatus) : undefined,
		/** The same selection as query parameters, for links and downloads. */
		query: new URLSearchParams([...(municipality ? [['kommune', slug]] : []), ...(Number.isInteger(field) && field > 0 && field < 1000 ? [['feld', String(field)]] : []), ...((measureStatuses as readonly string[]).includes(status) ? [['status', status]] : [])]).toString()
	};
}
