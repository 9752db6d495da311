import { serve } from '#lib/server/api/endpoint.ts';
import { listEventsEndpoint } from '#lib/features/events/api.ts';

export const GET = (event) => serve(listEventsEndpoint, event);
