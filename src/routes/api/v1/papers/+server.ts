import { serve } from '#lib/server/api/endpoint.ts';
import { listPapersEndpoint } from '#lib/features/bodies/api.ts';

export const GET = (event) => serve(listPapersEndpoint, event);
