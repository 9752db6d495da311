import { error } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { readFile } from '#lib/features/bodies/server/service.ts';
import { downloadName } from '#lib/features/cooperation/server/documents.ts';
import { documentExtensions } from '#lib/features/cooperation/media.ts';

/** A document of a paper or a meeting, with the type its content was checked as. */
export const GET = async ({ params, locals }) => {
	try {
		const { file, data } = await readFile(db(), storage(), locals.actor, /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		const inline = file.mediaType === 'application/pdf' || file.mediaType.startsWith('image/');
		return new Response(new Uint8Array(data), {
			headers: {
				'content-type': file.mediaType,
				'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${downloadName(file.title, documentExtensions[file.mediaType] ?? 'bin')}"`,
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': file.isPublic ? 'public, max-age=300' : 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
