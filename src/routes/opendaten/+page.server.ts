import { db } from '#lib/server/runtime.ts';
import { describeDatasets } from '#lib/features/opendata/server/service.ts';

export const load = ({ locals }) => describeDatasets(db(), locals.locale);
