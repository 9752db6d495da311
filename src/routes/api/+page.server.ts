import { db } from '#lib/server/runtime.ts';
import { apiReference } from '#lib/features/opendata/server/apidocs.ts';

export const load = async ({ url }) => ({ reference: await apiReference(db(), url.origin), origin: url.origin });
