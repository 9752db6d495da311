import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { open311Response } from '#lib/features/reports/open311.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

/** Open311 Service Discovery: where the endpoint is, in which formats, and how to get a key. */
const CHANGESET = '2026-11-25T00:00:00+01:00';

export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const region = await regionQueries.findRegion(db());
	const office = region?.coordinationOffice;
	const origin = config().ORIGIN ?? url.origin;
	return open311Response(req.format, 'discovery', {
		changeset: CHANGESET,
		contact: [office?.name, office?.email, office?.phone].filter(Boolean).join(', '),
		key_service: `API-Schlüssel für das Melden (POST requests) vergibt die Verwaltung von ${region?.name ?? 'der Region'}: ${office?.email ?? office?.name ?? ''}. Lesen braucht keinen Schlüssel. Dokumentation: ${origin}/opendaten`,
		endpoints: [
			{
				specification: 'http://wiki.open311.org/GeoReport_v2',
				url: `${origin}/georeport/v2`,
				changeset: CHANGESET,
				type: 'production',
				formats: ['text/xml', 'application/json']
			}
		]
	});
};
