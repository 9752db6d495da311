import { serve } from '#lib/server/api/endpoint.ts';
import { listMunicipalitiesEndpoint } from '#lib/features/region/api.ts';

export const GET = (event) => serve(listMunicipalitiesEndpoint, event);
