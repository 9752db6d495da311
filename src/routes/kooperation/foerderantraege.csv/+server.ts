import { db } from '#lib/server/runtime.ts';
import { csvResponse, csvStream } from '#lib/server/opendata/csv.ts';
import { applicationCsvColumns, applicationsPage } from '#lib/features/cooperation/server/datasets.ts';

/** Funding applications of public measures as CSV; columns documented in docs/api.md. */
export const GET = async () => csvResponse(await csvStream(applicationCsvColumns, (after: number | undefined) => applicationsPage(db(), 500, after)), 'foerderantraege.csv');
