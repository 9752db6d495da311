import { db } from '#lib/server/runtime.ts';
import { csvResponse, csvStream } from '#lib/server/opendata/csv.ts';
import { measureChoices } from '#lib/features/cooperation/server/service.ts';
import { measureCsvColumns, measuresPage } from '#lib/features/cooperation/server/datasets.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';

/** Public measures as CSV, with the cockpit's selection; columns documented in docs/api.md. */
export const GET = async ({ url }) => {
	const filter = readCockpitFilter(url, (await measureChoices(db())).municipalities);
	const selection = { ags: filter.ags, actionField: filter.actionField, status: filter.status };
	return csvResponse(
		csvStream(measureCsvColumns, (after: number | undefined) => measuresPage(db(), selection, 500, after, url.origin)),
		'massnahmen.csv'
	);
};
