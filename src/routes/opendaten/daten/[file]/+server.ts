import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { datasetResponse } from '#lib/server/opendata/dataset.ts';
import { parseDownload } from '#lib/features/opendata/server/service.ts';

/** A whole dataset as CSV, JSON or GeoJSON, streamed in keyset pages. */
export const GET = ({ params, url }) => {
	const found = parseDownload(params.file);
	if (!found) error(404, 'Diesen Datensatz gibt es nicht in diesem Format.');
	return datasetResponse(found.dataset, found.format, db, url.origin);
};
