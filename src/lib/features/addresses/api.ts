import { z } from 'zod';
import { defineEndpoint } from '#lib/server/api/endpoint.ts';
import { db } from '#lib/server/runtime.ts';
import { searchAddresses } from './server/service.ts';

export const searchAddressesEndpoint = defineEndpoint({
	method: 'GET',
	path: '/addresses',
	operationId: 'searchAddresses',
	summary: 'Adresssuche in den Mitgliedskommunen (Straße und Hausnummer, höchstens 8 Treffer)',
	tags: ['Region'],
	query: z.object({ q: z.string().min(3).max(100).describe('Straße, Hausnummer, Ort (mindestens 3 Zeichen)') }),
	response: z.object({
		items: z.array(z.object({ label: z.string(), municipality: z.string().nullable(), lat: z.number(), lon: z.number() }))
	}),
	async handler({ query }) {
		const rows = await searchAddresses(db(), query.q);
		return { items: rows.map((r) => ({ label: r.label, municipality: r.municipality, lat: r.lat, lon: r.lon })) };
	}
});
