import { serve } from '#lib/server/api/endpoint.ts';
import { listFundingApplicationsEndpoint } from '#lib/features/cooperation/api.ts';

export const GET = (event) => serve(listFundingApplicationsEndpoint, event);
