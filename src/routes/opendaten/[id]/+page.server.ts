import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { describeDatasets, findDataset } from '#lib/features/opendata/server/service.ts';

export const load = async ({ params, locals }) => {
	const dataset = findDataset(params.id);
	if (!dataset) error(404, 'Diesen Datensatz gibt es nicht.');
	const { coverage, datasets } = await describeDatasets(db(), locals.locale, dataset);
	return { coverage, dataset: datasets[0] };
};
