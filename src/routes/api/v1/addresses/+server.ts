import { serve } from '#lib/server/api/endpoint.ts';
import { searchAddressesEndpoint } from '#lib/features/addresses/api.ts';

export const GET = (event) => serve(searchAddressesEndpoint, event);
