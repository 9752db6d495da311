import { serve } from '#lib/server/api/endpoint.ts';
import { listMeasuresEndpoint } from '#lib/features/cooperation/api.ts';

export const GET = (event) => serve(listMeasuresEndpoint, event);
