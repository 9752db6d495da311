import { open311Error } from '#lib/features/reports/open311.ts';

/** Anything else under the Open311 endpoint: its own error format, XML when asked for .xml. */
const notFound = ({ params }: { params: { rest: string } }) =>
	open311Error(params.rest.endsWith('.xml') ? 'xml' : 'json', 404, 'Diese Ressource gibt es nicht.');

export const GET = notFound;
