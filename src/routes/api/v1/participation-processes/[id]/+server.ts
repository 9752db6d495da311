import { serve } from '#lib/server/api/endpoint.ts';
import { getProcessEndpoint } from '#lib/features/participation/api.ts';

export const GET = (event) => serve(getProcessEndpoint, event);
