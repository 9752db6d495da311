import { serve } from '#lib/server/api/endpoint.ts';
import { listMeetingsEndpoint } from '#lib/features/bodies/api.ts';

export const GET = (event) => serve(listMeetingsEndpoint, event);
