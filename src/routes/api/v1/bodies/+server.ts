import { serve } from '#lib/server/api/endpoint.ts';
import { listBodiesEndpoint } from '#lib/features/bodies/api.ts';

export const GET = (event) => serve(listBodiesEndpoint, event);
