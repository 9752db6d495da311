import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { getMeeting, listFiles } from '#lib/features/bodies/server/service.ts';
import { municipalityNamesOf } from '#lib/features/region/server/queries.ts';
import { presentDecision } from '#lib/features/bodies/server/presenter.ts';

/** A meeting: agenda, public minutes and each decision with every municipality's vote; closed parts for members only. */
export const load = async ({ params, locals }) => {
	try {
		const m = await getMeeting(db(), locals.actor, /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		const names = new Map((await municipalityNamesOf(db(), m.items.flatMap((i) => i.decisions.flatMap((d) => d.votes.map((v) => v.municipality))))).map((x) => [x.ags, x.name]));
		return {
			body: { id: m.body.id, name: m.body.name },
			meeting: {
				id: m.meeting.id,
				startsAt: m.meeting.startsAt.toISOString(),
				endsAt: m.meeting.endsAt?.toISOString() ?? null,
				status: m.meeting.status,
				locationText: m.meeting.locationText,
				onlineUrl: m.meeting.onlineUrl,
				publicMinutes: m.meeting.publicMinutes,
				closedMinutes: m.meeting.closedMinutes
			},
			showsClosed: m.showsClosed,
			files: (await listFiles(db(), { meetingId: m.meeting.id }, m.showsClosed)).map((f) => ({ id: f.id, title: f.title, mediaType: f.mediaType, byteSize: f.byteSize, isPublic: f.isPublic })),
			items: m.items.map((i) => ({
				id: i.item.id,
				number: i.item.number,
				title: i.item.title,
				isPublic: i.item.isPublic,
				paper: i.item.paperId ? { id: i.item.paperId, reference: i.paperReference, title: i.paperTitle } : null,
				decisions: i.decisions.map((d) => presentDecision(d, names))
			}))
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
