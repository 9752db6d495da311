import { serve } from '#lib/server/api/endpoint.ts';
import { getMunicipalityEndpoint } from '#lib/features/region/api.ts';

export const GET = (event) => serve(getMunicipalityEndpoint, event);
