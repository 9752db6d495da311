import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { getPaper, listFiles } from '#lib/features/bodies/server/service.ts';
import { municipalityNamesOf } from '#lib/features/region/server/queries.ts';

/** A paper, public once a public agenda item consults it. */
export const load = async ({ params, locals }) => {
	try {
		const p = await getPaper(db(), locals.actor, /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		const [origin] = p.paper.originAgs ? await municipalityNamesOf(db(), [p.paper.originAgs]) : [];
		return {
			paper: { id: p.paper.id, reference: p.paper.reference, title: p.paper.title, type: p.paper.paperType, origin: p.paper.originAgs ? (origin?.name ?? p.paper.originAgs) : null, text: p.paper.text, date: p.paper.paperDate },
			files: (await listFiles(db(), { paperId: p.paper.id }, false)).map((f) => ({ id: f.id, title: f.title, mediaType: f.mediaType, byteSize: f.byteSize, isPublic: f.isPublic })),
			measures: p.measures.map((m) => ({ id: m.id, title: m.title })),
			consultations: p.consultations.map((c) => ({ meetingId: c.meeting.id, itemId: c.item.id, body: c.bodyName, startsAt: c.meeting.startsAt.toISOString(), number: c.item.number }))
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
