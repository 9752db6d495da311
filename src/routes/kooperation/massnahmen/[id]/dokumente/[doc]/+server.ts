import { error } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { readAttachment } from '#lib/features/cooperation/server/service.ts';
import { downloadName } from '#lib/features/cooperation/server/documents.ts';
import { documentExtensions } from '#lib/features/cooperation/media.ts';


/** A measure's document, with the type its content was checked as; always as a download except images and PDF. */
export const GET = async ({ params, locals }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1;
	const doc = /^\d{1,9}$/.test(params.doc) ? Number(params.doc) : -1;
	try {
		const { row, data } = await readAttachment(db(), storage(), locals.actor, id, doc);
		const inline = row.mediaType === 'application/pdf' || row.mediaType.startsWith('image/');
		const name = downloadName(row.title, documentExtensions[row.mediaType] ?? 'bin');
		return new Response(new Uint8Array(data), {
			headers: {
				'content-type': row.mediaType,
				'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, max-age=300'
			}
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
