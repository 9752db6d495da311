import { serve } from '#lib/server/api/endpoint.ts';
import { getLeitbildEndpoint } from '#lib/features/leitbild/api.ts';

export const GET = (event) => serve(getLeitbildEndpoint, event);
