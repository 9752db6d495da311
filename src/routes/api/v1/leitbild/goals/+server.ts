import { serve } from '#lib/server/api/endpoint.ts';
import { listGoalsEndpoint } from '#lib/features/leitbild/api.ts';

export const GET = (event) => serve(listGoalsEndpoint, event);
