import { serve } from '#lib/server/api/endpoint.ts';
import { listNewsEndpoint } from '#lib/features/news/api.ts';

export const GET = (event) => serve(listNewsEndpoint, event);
