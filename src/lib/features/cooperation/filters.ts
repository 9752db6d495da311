import { measureStatuses, type MeasureStatus } from './server/tables.ts';

/**
 * The public selection of the cockpit and the list, from the address (`feld` as the action field's
 * number, `status`; the member `kommune` names, looked up by the caller); anything unknown is
 * ignored, so an old link still works.
 */
export function readCockpitFilter(url: URL, municipality: { slug: string; ags: string } | undefined) {
	const field = Number(url.searchParams.get('feld') ?? '');
	const status = url.searchParams.get('status') ?? '';
	return {
		ags: municipality?.ags,
		actionField: Number.isInteger(field) && field > 0 && field < 1000 ? field : undefined,
		status: (measureStatuses as readonly string[]).includes(status) ? (status as MeasureStatus) : undefined,
		/** The same selection as query parameters, for links and downloads. */
		query: new URLSearchParams([...(municipality ? [['kommune', municipality.slug]] : []), ...(Number.isInteger(field) && field > 0 && field < 1000 ? [['feld', String(field)]] : []), ...((measureStatuses as readonly string[]).includes(status) ? [['status', status]] : [])]).toString()
	};
}
