import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

export const load = async () => ({ municipalities: (await regionQueries.listMunicipalities(db())).map((m) => m.name) });
