import type { Db } from '#lib/server/db/client.ts';
import { systemActor, type Actor } from '#lib/server/actor.ts';
import { berlinTime } from '#lib/server/time.ts';
import type { VoteChoice } from '../decisions.ts';
import * as queries from './queries.ts';
import { LISTED_MUNICIPALITIES } from '../../region/choice.ts';
import { addAgendaItem, appoint, createBody, createMeeting, createPaper, createPerson, recordDecision, saveMinutes } from './service.ts';

const office: Actor = { ...systemActor, name: 'Koordinierungsstelle (Demo)' };

/**
 * Demo bodies (only with DEMO_DATA, only into an installation without bodies): the steering group
 * of the mayors with one seat per member, a held meeting with a public and a closed decision, and
 * a planned one. Names and addresses are placeholders. `npm run demo:remove` takes them out.
 * A body seats every member (one municipality, one vote), so a national installation gets no demo
 * bodies: eleven thousand seats took an hour to appoint and every decision needs eleven thousand votes.
 */
export async function seedDemoBodies(db: Db, measureId?: number) {
	if ((await queries.countBodies(db)) > 0) return 0;
	const members = await queries.listMemberMunicipalities(db);
	if (members.length > LISTED_MUNICIPALITIES) return 0;
	const steering = await createBody(db, office, {
		name: 'Lenkungsgruppe der Bürgermeisterinnen und Bürgermeister',
		shortName: 'LG',
		kind: 'steering_group',
		actionFieldId: null,
		description: 'Steuert die Kooperation; jede Kommune hat eine Stimme. Beschlüsse einstimmig.',
		rule: { kind: 'unanimous', abstentionBlocks: false }
	});
	const persons: number[] = [];
	for (const m of members) {
		const slug = m.name.toLowerCase().replace(/ö/g, 'oe').replace(/ß/g, 'ss').replace(/[^a-z]/g, '');
		const p = await createPerson(db, office, { name: `Demo-Person ${m.name} 1`, title: 'Bürgermeister/in', municipalityAgs: m.ags, email: `buergermeister.${slug}@partheland.example` });
		const d = await createPerson(db, office, { name: `Demo-Person ${m.name} 2`, title: 'Beigeordnete/r', municipalityAgs: m.ags, email: `vertretung.${slug}@partheland.example` });
		await appoint(db, office, steering.id, { personId: p.id, municipalityAgs: m.ags, role: m === members[0] ? 'chair' : 'member', votingRole: 'holder', startOn: '2025-01-01' });
		await appoint(db, office, steering.id, { personId: d.id, municipalityAgs: m.ags, role: 'deputy', votingRole: 'deputy', startOn: '2025-01-01' });
		persons.push(p.id, d.id);
	}
	const paper = await createPaper(db, office, {
		reference: 'BV 2026/001',
		title: 'Gemeinsamer Betrieb des digitalen Bürgerportals',
		paperType: 'resolution',
		originAgs: null,
		text: 'Die Lenkungsgruppe beschließt, das digitale Bürgerportal ab 2027 gemeinsam zu betreiben. Die Kosten werden nach Einwohnern geteilt.\n\nDie Stadt Naunhof übernimmt die Federführung.',
		paperDate: '2026-02-20',
		measureIds: measureId ? [measureId] : []
	});
	const held = await createMeeting(db, office, steering.id, { startsAt: berlinTime('2026-03-12', '17:00'), endsAt: berlinTime('2026-03-12', '19:00'), locationText: 'Rathaus Naunhof, Markt 1, 04683 Naunhof', onlineUrl: null });
	const portal = await addAgendaItem(db, office, held.id, { title: 'Gemeinsamer Betrieb des digitalen Bürgerportals', isPublic: true, paperId: paper.id });
	const staff = await addAgendaItem(db, office, held.id, { title: 'Personalangelegenheit der Koordinierungsstelle', isPublic: false, paperId: null });
	const votes = Object.fromEntries(members.map((m, i) => [m.ags, (i === 1 ? 'abstain' : 'yes') as VoteChoice]));
	await recordDecision(db, office, portal.id, { votes, cast: { [members[3].ags]: 'deputy' }, text: 'Das Bürgerportal wird ab 2027 gemeinsam betrieben; Federführung Naunhof.' });
	await recordDecision(db, office, staff.id, { votes: Object.fromEntries(members.map((m) => [m.ags, 'yes' as VoteChoice])), text: 'Die Stelle wird verlängert.' });
	await saveMinutes(db, office, held.id, { publicMinutes: 'Die Lenkungsgruppe hat den gemeinsamen Betrieb des Bürgerportals beschlossen. Borsdorf hat sich enthalten, weil der Gemeinderat noch berät.', closedMinutes: 'Die Stelle der Koordinierungsstelle wird um zwei Jahre verlängert.' });
	await createMeeting(db, office, steering.id, { startsAt: berlinTime('2026-12-10', '17:00'), endsAt: null, locationText: 'Gemeindeamt Großpösna', onlineUrl: null });
	await queries.markDemo(db, [steering.id], persons, [paper.id]);
	return 1;
}

export async function removeDemoBodies(db: Db) {
	return queries.deleteDemo(db);
}
