import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { bodiesPolicy } from '#lib/features/bodies/server/policy.ts';
import { berlinTime } from '#lib/server/time.ts';
import { addTerm, appoint, createMeeting, createPerson, endAppointment, getBody, setBodyRule } from '#lib/features/bodies/server/service.ts';
import { attempt, canManage, formValues, requireBodiesStaff } from '#lib/features/bodies/server/web.ts';
import { membershipRoles } from '#lib/features/bodies/server/tables.ts';

const idOf = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : -1);
// a day of the calendar: Date.parse takes 2026-02-30 as 2 March, PostgreSQL refuses it (was a 500)
const isoDate = (v: string | undefined) => {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(v ?? '') ? new Date(`${v}T00:00:00Z`) : null;
	return day && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v ? v : null;
};
/** "2026-06-10" + "18:00" in Berlin → the instant. */
function berlinInstant(day: string | null, time: string | undefined) {
	if (!day || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time ?? '')) return null;
	return berlinTime(day, time!);
}

export const load = async ({ locals, url, params }) => {
	const actor = requireBodiesStaff(locals, url);
	try {
		const b = await getBody(db(), idOf(params.id));
		const appointable = bodiesPolicy.appointable(actor);
		const mine = appointable === 'all' ? b.seats.map((s) => s.municipality) : appointable;
		return {
			body: { id: b.body.id, name: b.body.name, ruleKind: b.body.ruleKind, abstentionBlocks: b.body.abstentionBlocks },
			seats: b.seats.map((s) => ({ ...s, appointable: canManage(actor) || mine.includes(s.municipality) })),
			members: b.members.map((m) => ({ id: m.membership.id, name: m.person.name, title: m.person.title, email: m.person.email, municipality: m.municipalityName, ags: m.membership.municipalityAgs, role: m.membership.role, votingRole: m.membership.votingRole, startOn: m.membership.startOn })),
			terms: b.terms,
			meetings: b.meetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), status: m.status })),
			canManage: canManage(actor),
			mine
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Dieses Gremium gibt es nicht.');
		throw e;
	}
};

export const actions = {
	rule: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('rule', v, () => setBodyRule(db(), actor, idOf(params.id), { kind: v.rule === 'majority' ? 'majority' : 'unanimous', abstentionBlocks: v.abstentionBlocks === 'on' }));
	},
	appoint: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const name = (v.name ?? '').trim();
		if (name.length < 3 || name.length > 120) return fail(400, { action: 'appoint', values: v, message: 'Bitte geben Sie den Namen der Person an (3 bis 120 Zeichen).', field: 'person-name' });
		const email = (v.email ?? '').trim().toLowerCase();
		if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(400, { action: 'appoint', values: v, message: 'Bitte geben Sie eine gültige E-Mail-Adresse an (für die Einladungen).', field: 'person-email' });
		const startOn = isoDate(v.startOn);
		if (!startOn) return fail(400, { action: 'appoint', values: v, message: 'Bitte geben Sie den Beginn der Mitgliedschaft an.', field: 'person-startOn' });
		const ags = /^\d{8}$/.test(v.municipalityAgs ?? '') ? v.municipalityAgs : null;
		const role = (membershipRoles as readonly string[]).includes(v.role) ? (v.role as (typeof membershipRoles)[number]) : 'member';
		const votingRole = v.votingRole === 'holder' || v.votingRole === 'deputy' ? v.votingRole : null;
		return attempt('appoint', v, async () => {
			const p = await createPerson(db(), actor, { name, title: (v.title ?? '').trim().slice(0, 120) || null, municipalityAgs: ags, email: email || null });
			await appoint(db(), actor, idOf(params.id), { personId: p.id, municipalityAgs: ags, role, votingRole, startOn });
		});
	},
	end: async ({ locals, url, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		return attempt('end', v, () => endAppointment(db(), actor, idOf(v.membership ?? '')));
	},
	term: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const startOn = isoDate(v.termStart);
		if (!(v.termName ?? '').trim() || !startOn) return fail(400, { action: 'term', values: v, message: 'Bitte geben Sie Namen und Beginn der Wahlperiode an.', field: 'termName' });
		return attempt('term', v, () => addTerm(db(), actor, idOf(params.id), { name: v.termName.trim().slice(0, 120), startOn, endOn: isoDate(v.termEnd) }));
	},
	meeting: async ({ locals, url, params, request }) => {
		const actor = requireBodiesStaff(locals, url);
		const v = formValues(await request.formData());
		const day = isoDate(v.day);
		const startsAt = berlinInstant(day, v.start);
		if (!startsAt) return fail(400, { action: 'meeting', values: v, message: 'Bitte geben Sie Tag und Beginn der Sitzung an.', field: 'meeting-day' });
		const endsAt = v.end ? berlinInstant(day, v.end) : null;
		if (v.end && !endsAt) return fail(400, { action: 'meeting', values: v, message: 'Bitte geben Sie das Ende als Uhrzeit an (z. B. 18:00).', field: 'meeting-end' });
		const online = (v.onlineUrl ?? '').trim();
		if (online && !/^https:\/\/\S+$/.test(online)) return fail(400, { action: 'meeting', values: v, message: 'Bitte geben Sie die Adresse der Online-Sitzung vollständig an (https://…).', field: 'meeting-online' });
		return attempt('meeting', v, () => createMeeting(db(), actor, idOf(params.id), { startsAt, endsAt, locationText: (v.location ?? '').trim().slice(0, 300) || null, onlineUrl: online || null }));
	}
};
