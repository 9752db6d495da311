import { db } from '#lib/server/runtime.ts';
import { csvResponse, csvStream } from '#lib/server/opendata/csv.ts';
import { decisionCsvColumns, decisionsPage } from '#lib/features/bodies/server/datasets.ts';
import { readDecisionFilter } from '#lib/features/bodies/filters.ts';
import { findMunicipalityNamed } from '#lib/features/region/server/queries.ts';

/** Decisions in force on public agenda items, with each municipality's vote; the list's selection applies. */
export const GET = async ({ url }) => {
	const { filter } = readDecisionFilter(url, await findMunicipalityNamed(db(), url.searchParams.get('kommune')));
	return csvResponse(
		await csvStream(decisionCsvColumns, (after: { at: Date; id: number } | undefined) => decisionsPage(db(), filter, 500, after, url.origin)),
		'beschluesse.csv'
	);
};
