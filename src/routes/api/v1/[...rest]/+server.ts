import { problem } from '#lib/server/http.ts';

/** Anything else under /api/v1 is an unknown resource: a problem document, not an HTML page. */
const notFound = () => problem(404, 'Nicht gefunden', 'Diese Ressource gibt es in der API nicht.');
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
