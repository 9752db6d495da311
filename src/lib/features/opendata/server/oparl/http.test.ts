import { describe, expect, it } from 'vitest';
import { oparlError, oparlFile } from './http.ts';
import type { FileRow } from './queries.ts';

const file = { id: 7, fileName: 'Niederschrift März.pdf', mediaType: 'application/pdf' } as FileRow;

describe('OParl over HTTP', () => {
	it('shows a document at its access URL and asks to save it only at its download URL', () => {
		const access = oparlFile(file, new Uint8Array([37, 80, 68, 70]), false);
		expect(access.headers.get('content-disposition')).toBeNull();
		expect(access.headers.get('content-type')).toBe('application/pdf');
		expect(access.headers.get('content-security-policy')).toContain('sandbox');
		const download = oparlFile(file, new Uint8Array([37, 80, 68, 70]), true);
		expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Niederschrift M_rz.pdf"; filename*=UTF-8''Niederschrift%20M%C3%A4rz.pdf`);
		for (const r of [access, download]) expect(r.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('answers an error as the OParl error object', async () => {
		const res = oparlError(404, 'Dieses Objekt gibt es nicht.');
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ type: 'https://schema.oparl.org/1.1/Error', message: 'Dieses Objekt gibt es nicht.' });
	});
});
