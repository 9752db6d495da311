import { db, storage } from '#lib/server/runtime.ts';
import { log } from '#lib/server/log.ts';
import { isDatabaseUnavailable } from '#lib/server/db/availability.ts';
import { OparlError, answerOparl, findPublicFile } from '#lib/features/opendata/server/oparl/service.ts';
import { oparlError, oparlJson, oparlFile } from '#lib/features/opendata/server/oparl/http.ts';

/** OParl 1.1: System, Body, lists and objects; a file's document under …/file/<id>/access|download. */
export const GET = async ({ url, params }) => {
	try {
		const file = /^file\/(\d{1,9})\/(access|download)$/.exec(params.path);
		if (file) {
			const found = await findPublicFile(db(), Number(file[1]));
			const data = found ? await storage().read(found.storageKey) : undefined;
			if (!found || !data) return oparlError(404, 'Dieses Dokument gibt es nicht.');
			return oparlFile(found, data, file[2] === 'download');
		}
		return oparlJson(await answerOparl(db(), url, params.path));
	} catch (error) {
		if (error instanceof OparlError) return oparlError(error.status, error.message);
		if (isDatabaseUnavailable(error)) throw error; // a 503 from the request hook
		log.error({ err: error }, 'oparl');
		return oparlError(500, 'Interner Fehler. Bitte später erneut versuchen.');
	}
};
