import { error, fail } from '@sveltejs/kit';
import { db, storage } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { addAgendaItem, moveAgendaItem, removeAgendaItem, updateAgendaItem, addFile, cancelMeeting, inviteMembers, listFiles, removeFile, correctDecision, getMeeting, listPapers, recordDecision, saveMinutes, seats } from '#lib/features/bodies/server/service.ts';
import { listMemberMunicipalities } from '#lib/features/bodies/server/queries.ts';
import { presentDecision } from '#lib/features/bodies/server/presenter.ts';
import { attempt, canManage, formValues, requireBodiesStaff } from '#lib/features/bodies/server/web.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { voteChoices, type VoteChoice } from '#lib/features/bodies/decisions.ts';
import { berlinDate } from '#lib/server/time.ts';

const idOf = (id: string | undefined) => (/^\d{1,9}$/.test(id ?? '') ? Number(id) : -1);

export const load = async ({ locals, url, params }) => {
	const actor = requireBodiesStaff(locals, url);
	try {
		const m = await getMeeting(db(), actor, idOf(params.id));
		const names = new Map((await listMemberMunicipalities(db())).map((x) => [x.ags, x.name]));
		const seatList = await seats(db(), m.body.id, berlinDate(m.meeting.startsAt));
		return {
			body: { id: m.body.id, name: m.body.name },
			meeting: { id: m.meeting.id, startsAt: m.meeting.startsAt.toISOString(), status: m.meeting.status, invitedAt: m.meeting.invitedAt?.toISOString() ?? null, locationText: m.meeting.locationText, publicMinutes: m.meeting.publicMinutes ?? '', closedMinutes: m.meeting.closedMinutes ?? '' },
			seats: seatList.map((s) => ({ municipality: s.municipality, name: s.name, holder: s.holder?.name ?? null, deputy: s.deputy?.name ?? null })),
			items: m.items.map((i) => ({ id: i.item.id, number: i.item.number, title: i.item.title, isPublic: i.item.isPublic, paperId: i.item.paperId, paper: i.paperReference, decisions: i.decisions.map((d) => presentDecision(d, names)) })),
			papers: (await listPapers(db(), 200)).map((p) => ({ id: p.id, reference: p.reference, title: p.title })),
			files: (await listFiles(db(), { meetingId: m.meeting.id }, true)).map((f) => ({ id: f.id, title: f.title, mediaType: f.mediaType, byteSize: f.byteSize, isPublic: f.isPublic })),
			canManage: canManage(actor),
			canCorrect: bodiesPolicy.correctDecision(actor)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Sitzung gibt es nicht.');
		throw e;
	}
};

/** The seven selects of a vote: `vote.<AGS>` and `cast.<AGS>` (holder or deputy). */
function readVotes(v: Record<string, string>) {
	const votes: Record<string, VoteChoice> = {};
	const cast: Record<string, 'holder' | 'deputy'> = {};
	for (const [key, value] of Object.entries(v)) {
		if (key.startsWith('vote.') && (voteChoices as readonly string[]).includes(value)) votes[key.slice(5)] = value as VoteChoice;
		if (key.startsWith('cast.') && value === 'deputy') cast[key.slice(5)] = 'deputy';
	}
	return { votes, cast };
}

export const actions = {
	agenda: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const title = (v.title ?? '').trim();
		if (title.length < 3 || title.length > 300) return fail(400, { action: 'agenda', values: v, message: 'Bitte geben Sie den Titel des Tagesordnungspunkts an (3 bis 300 Zeichen).', field: 'item-title' });
		return attempt('agenda', v, () => addAgendaItem(db(), actor, idOf(params.id), { title, isPublic: v.closed !== 'on', paperId: v.paperId ? idOf(v.paperId) : null }));
	},
	editItem: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const title = (v.title ?? '').trim();
		const name = `item-${v.item}`;
		if (title.length < 3 || title.length > 300) return fail(400, { action: name, values: v, message: 'Bitte geben Sie den Titel des Tagesordnungspunkts an (3 bis 300 Zeichen).', field: `${name}-title` });
		return attempt(name, v, () => updateAgendaItem(db(), actor, idOf(v.item), { title, isPublic: v.closed !== 'on', paperId: v.paperId ? idOf(v.paperId) : null }));
	},
	moveItem: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('agendaOrder', v, () => moveAgendaItem(db(), actor, idOf(v.item), v.direction === 'up' ? 'up' : 'down'));
	},
	removeItem: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('agendaOrder', v, () => removeAgendaItem(db(), actor, idOf(v.item)));
	},
	decide: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const { votes, cast } = readVotes(v);
		return attempt(`decide-${v.item}`, v, () => recordDecision(db(), actor, idOf(v.item), { votes, cast, text: (v.text ?? '').trim().slice(0, 4000) || null }));
	},
	correct: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const { votes, cast } = readVotes(v);
		return attempt(`correct-${v.decision}`, v, () => correctDecision(db(), actor, idOf(v.decision), { votes, cast, text: (v.text ?? '').trim().slice(0, 4000) || null, reason: (v.reason ?? '').slice(0, 1000) }));
	},
	minutes: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('minutes', v, () => saveMinutes(db(), actor, idOf(params.id), { publicMinutes: (v.publicMinutes ?? '').trim() || null, closedMinutes: (v.closedMinutes ?? '').trim() || null }));
	},
	cancel: async ({ locals, url, params }) => {
		const actor = requireBodiesStaff(locals, url);
		return attempt('cancel', {}, async () => dispatchMails(await cancelMeeting(db(), actor, idOf(params.id), mailContext(url))));
	},
	addFile: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const data = await request.formData();
		const file = data.get('file');
		const v = formValues(data);
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'addFile', values: v, message: 'Bitte wählen Sie eine Datei.', field: 'file' });
		const bytes = Buffer.from(await file.arrayBuffer());
		return attempt('addFile', v, () => addFile(db(), storage(), actor, { meetingId: idOf(params.id) }, { title: v.title ?? '', fileName: file.name, data: bytes, isPublic: v.closed !== 'on' }));
	},
	removeFile: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('removeFile', v, () => removeFile(db(), storage(), actor, idOf(v.file)));
	},
	invite: async ({ locals, url, params }) => {
		const actor = requireBodiesStaff(locals, url);
		return attempt('invite', {}, async () => dispatchMails(await inviteMembers(db(), actor, idOf(params.id), mailContext(url))));
	}
};
