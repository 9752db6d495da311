import { serve } from '#lib/server/api/endpoint.ts';
import { listDecisionsEndpoint } from '#lib/features/bodies/api.ts';

export const GET = (event) => serve(listDecisionsEndpoint, event);
