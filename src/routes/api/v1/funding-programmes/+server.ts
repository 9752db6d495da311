import { serve } from '#lib/server/api/endpoint.ts';
import { listFundingProgrammesEndpoint } from '#lib/features/cooperation/api.ts';

export const GET = (event) => serve(listFundingProgrammesEndpoint, event);
