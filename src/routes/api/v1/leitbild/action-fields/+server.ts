import { serve } from '#lib/server/api/endpoint.ts';
import { listActionFieldsEndpoint } from '#lib/features/leitbild/api.ts';

export const GET = (event) => serve(listActionFieldsEndpoint, event);
