import { serve } from '#lib/server/api/endpoint.ts';
import { listIdeasEndpoint } from '#lib/features/participation/api.ts';

export const GET = (event) => serve(listIdeasEndpoint, event);
