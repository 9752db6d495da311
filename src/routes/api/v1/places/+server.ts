import { serve } from '#lib/server/api/endpoint.ts';
import { listPlacesEndpoint } from '#lib/features/places/api.ts';

export const GET = (event) => serve(listPlacesEndpoint, event);
