import { serve } from '#lib/server/api/endpoint.ts';
import { getSurveyResultsEndpoint } from '#lib/features/participation/api.ts';

export const GET = (event) => serve(getSurveyResultsEndpoint, event);
