import { db } from '#lib/server/runtime.ts';
import { csvResponse, csvStream } from '#lib/server/opendata/csv.ts';
import { measureCsvColumns, measuresPage } from '#lib/features/cooperation/server/datasets.ts';
import { readCockpitFilter } from '#lib/features/cooperation/filters.ts';
import { findMunicipalityNamed } from '#lib/features/region/server/queries.ts';

/** Public measures as CSV, with the cockpit's selection; columns documented in docs/api.md. */
export const GET = async ({ url }) => {
	const filter = readCockpitFilter(url, await findMunicipalityNamed(db(), url.searchParams.get('kommune')));
	const selection = { ags: filter.ags, actionField: filter.actionField, status: filter.status };
	return csvResponse(
		await csvStream(measureCsvColumns, (after: number | undefined) => measuresPage(db(), selection, 500, after, url.origin)),
		'massnahmen.csv'
	);
};
