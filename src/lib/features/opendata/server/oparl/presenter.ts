import type { DecisionResult } from '../../../bodies/decisions.ts';
import type { AgendaItemRow, BodyRow, FileRow, MeetingRow, MembershipRow, OparlKind, PaperRow, PersonRow, TermRow, Tombstone } from './queries.ts';
import type { decision } from '../../../bodies/server/tables.ts';

/**
 * OParl 1.1 objects, field by field as the specification names them. Mandatory fields are always
 * set; optional ones are left out when empty (never null). Embedded objects drop the reference
 * back to their parent. Persons carry name and function only: never an address.
 */
export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const typeOf = (t: string) => `${OPARL_VERSION}${t}`;

const typeNames: Record<OparlKind, string> = {
	organization: 'Organization',
	person: 'Person',
	membership: 'Membership',
	legislativeTerm: 'LegislativeTerm',
	meeting: 'Meeting',
	agendaItem: 'AgendaItem',
	consultation: 'Consultation',
	paper: 'Paper',
	file: 'File',
	location: 'Location'
};

/** URLs of the interface under one base (`<origin>/oparl/v1.1`). */
export function oparlUrls(base: string, bodyId: string, origin: string) {
	return {
		base,
		origin,
		system: base,
		bodyList: `${base}/body`,
		body: `${base}/body/${bodyId}`,
		list: (kind: OparlKind) => `${base}/body/${bodyId}/${kind}`,
		object: (kind: OparlKind, id: number) => `${base}/${kind}/${id}`,
		organizationMeetings: (id: number) => `${base}/organization/${id}/meeting`
	};
}
export type OparlUrls = ReturnType<typeof oparlUrls>;

const iso = (d: Date) => d.toISOString();
const date = (d: string | null) => d ?? undefined;

/** Drops undefined, null and empty arrays: OParl wants optional fields left out, not null. */
export function clean<T extends Record<string, unknown>>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))) as T;
}

export function presentGone(urls: OparlUrls, kind: OparlKind, t: Tombstone) {
	return { id: urls.object(kind, t.id), type: typeOf(typeNames[kind]), created: iso(t.createdAt), modified: iso(t.modifiedAt), deleted: true };
}

const organizationClassification: Record<BodyRow['kind'], string> = { steering_group: 'Lenkungsgruppe', working_group: 'Arbeitsgruppe', other: 'Gremium' };

export function presentOrganization(urls: OparlUrls, b: BodyRow, membershipIds: number[]) {
	return clean({
		id: urls.object('organization', b.id),
		type: typeOf('Organization'),
		body: urls.body,
		name: b.name,
		shortName: b.shortName,
		membership: membershipIds.map((id) => urls.object('membership', id)),
		meeting: urls.organizationMeetings(b.id),
		organizationType: 'Gremium',
		classification: organizationClassification[b.kind],
		startDate: iso(b.createdAt).slice(0, 10),
		web: `${urls.origin}/gremien/${b.id}`,
		created: iso(b.createdAt),
		modified: iso(b.updatedAt)
	});
}

const roles: Record<MembershipRow['role'], string> = { chair: 'Vorsitz', member: 'Mitglied', deputy: 'Stellvertretung' };

export function presentMembership(urls: OparlUrls, m: MembershipRow, municipalities: Map<string, string>, embedded = false) {
	const forWhom = m.municipalityAgs ? ` für ${municipalities.get(m.municipalityAgs) ?? m.municipalityAgs}` : '';
	const seat = m.votingRole === 'holder' ? ' (Stimme der Kommune)' : m.votingRole === 'deputy' ? ' (Vertretung der Stimme)' : '';
	return clean({
		id: urls.object('membership', m.id),
		type: typeOf('Membership'),
		person: embedded ? undefined : urls.object('person', m.personId),
		organization: urls.object('organization', m.bodyId),
		role: `${roles[m.role]}${forWhom}${seat}`,
		votingRight: m.votingRole === 'holder',
		startDate: m.startOn,
		endDate: date(m.endOn),
		created: iso(m.createdAt),
		modified: iso(m.updatedAt)
	});
}

export function presentPerson(urls: OparlUrls, p: PersonRow, memberships: MembershipRow[], municipalities: Map<string, string>, omitInternal: boolean) {
	return clean({
		id: urls.object('person', p.id),
		type: typeOf('Person'),
		body: urls.body,
		name: p.name,
		status: p.title ? [p.title] : undefined,
		membership: omitInternal ? undefined : memberships.map((m) => presentMembership(urls, m, municipalities, true)),
		created: iso(p.createdAt),
		modified: iso(p.updatedAt)
	});
}

export function presentTerm(urls: OparlUrls, t: TermRow, embedded = false) {
	return clean({
		id: urls.object('legislativeTerm', t.id),
		type: typeOf('LegislativeTerm'),
		body: embedded ? undefined : urls.body,
		name: t.name,
		startDate: t.startOn,
		endDate: date(t.endOn),
		created: iso(t.createdAt),
		modified: iso(t.updatedAt)
	});
}

const meetingStates: Record<MeetingRow['status'], string> = { planned: 'terminiert', invited: 'eingeladen', held: 'durchgeführt', cancelled: 'abgesagt' };
const results: Record<DecisionResult, string> = { adopted: 'angenommen', rejected: 'abgelehnt', inquorate: 'nicht beschlussfähig' };

export function presentLocation(urls: OparlUrls, m: MeetingRow, embedded = false) {
	return clean({
		id: urls.object('location', m.id),
		type: typeOf('Location'),
		description: m.locationText,
		meetings: embedded ? undefined : [urls.object('meeting', m.id)],
		created: iso(m.createdAt),
		modified: iso(m.updatedAt)
	});
}

export function presentFile(urls: OparlUrls, f: FileRow, embedded = false) {
	return clean({
		id: urls.object('file', f.id),
		type: typeOf('File'),
		name: f.title,
		fileName: f.fileName,
		mimeType: f.mediaType,
		date: iso(f.createdAt).slice(0, 10),
		size: f.byteSize,
		accessUrl: `${urls.object('file', f.id)}/access`,
		downloadUrl: `${urls.object('file', f.id)}/download`,
		meeting: embedded || !f.meetingId ? undefined : [urls.object('meeting', f.meetingId)],
		paper: embedded || !f.paperId ? undefined : [urls.object('paper', f.paperId)],
		created: iso(f.createdAt),
		modified: iso(f.updatedAt)
	});
}

type DecisionRow = typeof decision.$inferSelect;

export function presentAgendaItem(urls: OparlUrls, i: AgendaItemRow, d: DecisionRow | undefined, embedded = false) {
	return clean({
		id: urls.object('agendaItem', i.id),
		type: typeOf('AgendaItem'),
		meeting: embedded ? undefined : urls.object('meeting', i.meetingId),
		number: i.number,
		order: i.position,
		name: i.title,
		public: true,
		consultation: i.paperId ? urls.object('consultation', i.id) : undefined,
		result: d ? results[d.result] : undefined,
		resolutionText: d?.text ?? undefined,
		web: `${urls.origin}/gremien/sitzungen/${i.meetingId}`,
		created: iso(i.createdAt),
		modified: iso(i.updatedAt)
	});
}

export function presentMeeting(
	urls: OparlUrls,
	m: MeetingRow,
	related: { bodyName: string; items: AgendaItemRow[]; decisions: Map<number, DecisionRow>; files: FileRow[] },
	omitInternal: boolean
) {
	const day = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(m.startsAt);
	return clean({
		id: urls.object('meeting', m.id),
		type: typeOf('Meeting'),
		name: `${related.bodyName}, Sitzung am ${day}`,
		meetingState: meetingStates[m.status],
		cancelled: m.status === 'cancelled',
		start: iso(m.startsAt),
		end: m.endsAt ? iso(m.endsAt) : undefined,
		location: omitInternal || !m.locationText ? undefined : presentLocation(urls, m, true),
		organization: [urls.object('organization', m.bodyId)],
		auxiliaryFile: omitInternal ? undefined : related.files.map((f) => presentFile(urls, f, true)),
		agendaItem: omitInternal ? undefined : related.items.map((i) => presentAgendaItem(urls, i, related.decisions.get(i.id), true)),
		web: `${urls.origin}/gremien/sitzungen/${m.id}`,
		created: iso(m.createdAt),
		modified: iso(m.updatedAt)
	});
}

export function presentConsultation(urls: OparlUrls, i: AgendaItemRow, bodyId: number | undefined, d: DecisionRow | undefined, embedded = false) {
	return clean({
		id: urls.object('consultation', i.id),
		type: typeOf('Consultation'),
		paper: embedded || !i.paperId ? undefined : urls.object('paper', i.paperId),
		agendaItem: urls.object('agendaItem', i.id),
		meeting: urls.object('meeting', i.meetingId),
		organization: bodyId ? [urls.object('organization', bodyId)] : undefined,
		authoritative: Boolean(d),
		role: d ? 'Beschlussfassung' : 'Beratung',
		created: iso(i.createdAt),
		modified: iso(i.updatedAt)
	});
}

const paperTypes: Record<PaperRow['paperType'], string> = { resolution: 'Beschlussvorlage', information: 'Informationsvorlage', motion: 'Antrag' };

export function presentPaper(
	urls: OparlUrls,
	p: PaperRow,
	related: { consultations: { item: AgendaItemRow; bodyId: number }[]; decisions: Map<number, DecisionRow>; files: FileRow[] },
	omitInternal: boolean
) {
	return clean({
		id: urls.object('paper', p.id),
		type: typeOf('Paper'),
		body: urls.body,
		name: p.title,
		reference: p.reference,
		date: p.paperDate,
		paperType: paperTypes[p.paperType],
		auxiliaryFile: omitInternal ? undefined : related.files.map((f) => presentFile(urls, f, true)),
		consultation: omitInternal ? undefined : related.consultations.map((c) => presentConsultation(urls, c.item, c.bodyId, related.decisions.get(c.item.id), true)),
		web: `${urls.origin}/gremien/vorlagen/${p.id}`,
		created: iso(p.createdAt),
		modified: iso(p.updatedAt)
	});
}
