import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { getBody } from '#lib/features/bodies/server/service.ts';

/** A body: who holds each municipality's vote, the other members, its meetings. No e-mail addresses. */
export const load = async ({ params }) => {
	try {
		const b = await getBody(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
		const person = (p: { name: string; title: string | null } | null) => (p ? { name: p.name, title: p.title } : null);
		return {
			body: { id: b.body.id, name: b.body.name, kind: b.body.kind, description: b.body.description, rule: { kind: b.body.ruleKind, abstentionBlocks: b.body.abstentionBlocks } },
			seats: b.seats.map((s) => ({ municipality: s.municipality, name: s.name, holder: person(s.holder), deputy: person(s.deputy) })),
			others: b.members.filter((m) => !m.membership.votingRole).map((m) => ({ id: m.membership.id, name: m.person.name, title: m.person.title, role: m.membership.role, municipality: m.municipalityName })),
			terms: b.terms.map((t) => ({ id: t.id, name: t.name, startOn: t.startOn, endOn: t.endOn })),
			meetings: b.meetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), status: m.status }))
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
};
