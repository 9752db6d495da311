import { serve } from '#lib/server/api/endpoint.ts';
import { listProcessesEndpoint } from '#lib/features/participation/api.ts';

export const GET = (event) => serve(listProcessesEndpoint, event);
