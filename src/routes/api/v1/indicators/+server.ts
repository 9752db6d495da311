import { serve } from '#lib/server/api/endpoint.ts';
import { listIndicatorsEndpoint } from '#lib/features/cooperation/api.ts';

export const GET = (event) => serve(listIndicatorsEndpoint, event);
