import type { Db } from '#lib/server/db/client.ts';
import { licenceOf } from '../../licences.ts';
import * as queries from './queries.ts';
import { oparlKinds, type ListFilter, type OparlKind } from './queries.ts';
import {
	OPARL_VERSION,
	clean,
	oparlUrls,
	presentAgendaItem,
	presentConsultation,
	presentFile,
	presentGone,
	presentLocation,
	presentMeeting,
	presentMembership,
	presentOrganization,
	presentPaper,
	presentPerson,
	presentTerm,
	typeOf,
	type OparlUrls
} from './presenter.ts';

/**
 * OParl 1.1 for the cooperation's bodies: the region is the one Body; its Gremien are
 * Organizations. Every answer is computed from the path alone: no session, no state.
 */
export class OparlError extends Error {
	readonly status: number;
	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

type Context = { db: Db; urls: OparlUrls; url: URL };

async function context(db: Db, url: URL): Promise<Context & { region: NonNullable<Awaited<ReturnType<typeof queries.findRegionRow>>> }> {
	const region = await queries.findRegionRow(db);
	if (!region) throw new OparlError(503, 'Die Region ist noch nicht eingerichtet.');
	return { db, url, region, urls: oparlUrls(`${url.origin}/oparl/v1.1`, region.id, url.origin) };
}

/** Answers a path below /oparl/v1.1 ('' is the System). */
export async function answerOparl(db: Db, url: URL, path: string): Promise<unknown> {
	const ctx = await context(db, url);
	const parts = path.split('/').filter(Boolean);
	if (parts.length === 0) return system(ctx);
	if (parts[0] === 'body') {
		if (parts.length === 1) return bodyList(ctx);
		if (parts[1] !== ctx.region.id) throw new OparlError(404, 'Diese Körperschaft gibt es nicht.');
		if (parts.length === 2) return presentBody(ctx);
		if (parts.length === 3 && isKind(parts[2])) return list(ctx, parts[2], {});
		throw new OparlError(404, 'Diese Liste gibt es nicht.');
	}
	if (isKind(parts[0]) && parts.length >= 2) {
		const id = objectId(parts[1]);
		if (parts.length === 2) return object(ctx, parts[0], id);
		if (parts.length === 3 && parts[0] === 'organization' && parts[2] === 'meeting') {
			await object(ctx, 'organization', id); // 404 for an unknown organization
			return list(ctx, 'meeting', { organizationId: id });
		}
	}
	throw new OparlError(404, 'Diese Ressource gibt es nicht.');
}

const isKind = (s: string): s is OparlKind => (oparlKinds as readonly string[]).includes(s);

function objectId(raw: string) {
	if (!/^\d{1,9}$/.test(raw)) throw new OparlError(404, 'Diese Ressource gibt es nicht.');
	return Number(raw);
}

async function system(ctx: Awaited<ReturnType<typeof context>>) {
	const modified = await queries.bodyModified(ctx.db);
	return clean({
		id: ctx.urls.system,
		type: typeOf('System'),
		oparlVersion: OPARL_VERSION,
		license: licenceOf(ctx.region.dataLicence).url,
		body: ctx.urls.bodyList,
		name: `${ctx.region.name}: Gremien der Kooperation`,
		contactName: ctx.region.coordinationOffice.name,
		website: ctx.urls.origin,
		product: `${ctx.urls.origin}/api`,
		created: ctx.region.importedAt.toISOString(),
		modified: (modified ?? ctx.region.importedAt).toISOString()
	});
}

async function presentBody(ctx: Awaited<ReturnType<typeof context>>) {
	const [terms, modified] = await Promise.all([queries.listTerms(ctx.db), queries.bodyModified(ctx.db)]);
	const { urls, region } = ctx;
	const body = clean({
		id: urls.body,
		type: typeOf('Body'),
		system: urls.system,
		shortName: region.shortName,
		name: region.name,
		website: urls.origin,
		license: licenceOf(region.dataLicence).url,
		classification: 'Interkommunale Kooperation',
		organization: urls.list('organization'),
		person: urls.list('person'),
		meeting: urls.list('meeting'),
		paper: urls.list('paper'),
		legislativeTerm: terms.map((t) => presentTerm(urls, t, true)),
		agendaItem: urls.list('agendaItem'),
		consultation: urls.list('consultation'),
		file: urls.list('file'),
		locationList: urls.list('location'),
		legislativeTermList: urls.list('legislativeTerm'),
		membership: urls.list('membership'),
		contactName: region.coordinationOffice.name,
		web: urls.origin,
		created: region.importedAt.toISOString(),
		modified: (modified ?? region.importedAt).toISOString()
	});
	// mandatory, even while the bodies have no terms yet
	return { ...body, legislativeTerm: terms.map((t) => presentTerm(urls, t, true)) };
}

async function bodyList(ctx: Awaited<ReturnType<typeof context>>) {
	return { data: [await presentBody(ctx)], pagination: { totalElements: 1, elementsPerPage: 1, currentPage: 1, totalPages: 1 }, links: { first: ctx.urls.bodyList, self: ctx.urls.bodyList } };
}

function readDate(url: URL, name: string) {
	// an unencoded "+01:00" arrives as " 01:00": clients often forget to encode the zone
	const raw = url.searchParams.get(name)?.replace(/ (\d{2}:?\d{2})$/, '+$1');
	if (raw === undefined) return undefined;
	const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : new Date(NaN);
	if (Number.isNaN(at.getTime())) throw new OparlError(400, `Der Filter ${name} braucht ein Datum nach ISO 8601, z. B. 2026-01-31T12:00:00+01:00.`);
	return at;
}

function readListQuery(url: URL) {
	const rawLimit = url.searchParams.get('limit');
	const limit = rawLimit === null ? DEFAULT_LIMIT : /^\d{1,4}$/.test(rawLimit) ? Math.min(Math.max(Number(rawLimit), 1), MAX_LIMIT) : NaN;
	if (Number.isNaN(limit)) throw new OparlError(400, `limit muss eine Zahl zwischen 1 und ${MAX_LIMIT} sein.`);
	const rawAfter = url.searchParams.get('after');
	if (rawAfter !== null && !/^\d{1,9}$/.test(rawAfter)) throw new OparlError(400, 'after muss die Nummer des letzten Objekts der vorigen Seite sein.');
	const omit = url.searchParams.get('omit_internal');
	return {
		limit,
		after: rawAfter === null ? 0 : Number(rawAfter),
		omitInternal: omit !== null && omit !== 'false' && omit !== '0',
		filter: { createdSince: readDate(url, 'created_since'), createdUntil: readDate(url, 'created_until'), modifiedSince: readDate(url, 'modified_since'), modifiedUntil: readDate(url, 'modified_until') }
	};
}

/**
 * An external list: visible objects in id order, keyset pages (objects added or deleted during a
 * walk neither repeat nor push others out), with the deleted ones when asked for changes.
 */
async function list(ctx: Context, kind: OparlKind, scope: Pick<ListFilter, 'organizationId'>) {
	const q = readListQuery(ctx.url);
	const filter = { ...q.filter, ...scope };
	const visible = await queries.listVisible(ctx.db, kind, filter, q.after, q.limit + 1);
	const gone = filter.modifiedSince ? await queries.listGone(ctx.db, kind, { ...filter, modifiedSince: filter.modifiedSince }, q.after, q.limit + 1) : [];
	const merged = [...visible.map((row) => ({ id: row.id as number, row })), ...gone.map((t) => ({ id: t.id, gone: t }))].sort((a, b) => a.id - b.id);
	const page = merged.slice(0, q.limit);
	const more = merged.length > q.limit;
	const objects = await presentMany(
		ctx,
		kind,
		page.flatMap((e) => ('row' in e && e.row ? [e.row] : [])),
		q.omitInternal
	);
	const byId = new Map(objects.map((o) => [o.rowId, o.object]));
	const data = page.map((e) => ('gone' in e && e.gone ? presentGone(ctx.urls, kind, e.gone) : byId.get(e.id)));
	const counts = await queries.countList(ctx.db, kind, filter, q.after);
	const link = (after: number | undefined) => {
		const u = new URL(ctx.url);
		if (after === undefined) u.searchParams.delete('after');
		else u.searchParams.set('after', String(after));
		return u.href;
	};
	return {
		data,
		pagination: { totalElements: counts.total, elementsPerPage: q.limit, currentPage: Math.floor(counts.before / q.limit) + 1, totalPages: Math.max(1, Math.ceil(counts.total / q.limit)) },
		links: clean({ first: link(undefined), self: ctx.url.href, next: more ? link(page[page.length - 1].id) : undefined })
	};
}

async function object(ctx: Context, kind: OparlKind, id: number) {
	const found = await queries.findObject(ctx.db, kind, id);
	if (!found) throw new OparlError(404, 'Dieses Objekt gibt es nicht.');
	if ('gone' in found) return presentGone(ctx.urls, kind, found.gone);
	const [presented] = await presentMany(ctx, kind, [found.row], false);
	return presented.object;
}

/** Presents rows of one kind, reading what they embed for all of them at once. */
async function presentMany(ctx: Context, kind: OparlKind, rows: Record<string, unknown>[], omitInternal: boolean): Promise<{ rowId: number; object: unknown }[]> {
	const { db, urls } = ctx;
	const ids = rows.map((r) => r.id as number);
	const out = (objects: unknown[]) => objects.map((object, i) => ({ rowId: ids[i], object }));
	switch (kind) {
		case 'organization': {
			const memberships = await queries.membershipsOf(db, { bodyIds: ids });
			return out(
				(rows as queries.BodyRow[]).map((b) =>
					presentOrganization(
						urls,
						b,
						memberships.filter((m) => m.bodyId === b.id).map((m) => m.id)
					)
				)
			);
		}
		case 'person': {
			const [memberships, names] = await Promise.all([queries.membershipsOf(db, { personIds: ids }), queries.municipalityNames(db)]);
			return out(
				(rows as queries.PersonRow[]).map((p) =>
					presentPerson(
						urls,
						p,
						memberships.filter((m) => m.personId === p.id),
						names,
						omitInternal
					)
				)
			);
		}
		case 'membership': {
			const names = await queries.municipalityNames(db);
			return out((rows as queries.MembershipRow[]).map((m) => presentMembership(urls, m, names)));
		}
		case 'legislativeTerm':
			return out((rows as queries.TermRow[]).map((t) => presentTerm(urls, t)));
		case 'location':
			return out((rows as queries.MeetingRow[]).map((m) => presentLocation(urls, m)));
		case 'file':
			return out((rows as queries.FileRow[]).map((f) => presentFile(urls, f)));
		case 'meeting': {
			const meetings = rows as queries.MeetingRow[];
			const [names, items, files] = await Promise.all([queries.bodyNames(db), omitInternal ? [] : queries.publicItemsOfMeetings(db, ids), omitInternal ? [] : queries.publicFilesOf(db, { meetingIds: ids })]);
			const decisions = await queries.decisionsOfItems(
				db,
				items.map((i) => i.id)
			);
			return out(
				meetings.map((m) =>
					presentMeeting(
						urls,
						m,
						{ bodyName: names.get(m.bodyId) ?? '', items: items.filter((i) => i.meetingId === m.id), decisions, files: files.filter((f) => f.meetingId === m.id) },
						omitInternal
					)
				)
			);
		}
		case 'agendaItem': {
			const items = rows as queries.AgendaItemRow[];
			const decisions = await queries.decisionsOfItems(db, ids);
			return out(items.map((i) => presentAgendaItem(urls, i, decisions.get(i.id))));
		}
		case 'consultation': {
			const items = rows as queries.AgendaItemRow[];
			const [decisions, bodies] = await Promise.all([
				queries.decisionsOfItems(db, ids),
				queries.meetingBodies(
					db,
					items.map((i) => i.meetingId)
				)
			]);
			return out(items.map((i) => presentConsultation(urls, i, bodies.get(i.meetingId), decisions.get(i.id))));
		}
		case 'paper': {
			const papers = rows as queries.PaperRow[];
			const [consultations, files] = await Promise.all([omitInternal ? [] : queries.consultationsOfPapers(db, ids), omitInternal ? [] : queries.publicFilesOf(db, { paperIds: ids })]);
			const decisions = await queries.decisionsOfItems(
				db,
				consultations.map((c) => c.item.id)
			);
			return out(
				papers.map((p) =>
					presentPaper(
						urls,
						p,
						{ consultations: consultations.filter((c) => c.item.paperId === p.id), decisions, files: files.filter((f) => f.paperId === p.id) },
						omitInternal
					)
				)
			);
		}
	}
}

/** A public file's stored document, for its access and download URLs. */
export async function findPublicFile(db: Db, id: number) {
	const found = await queries.findObject(db, 'file', id);
	return found && 'row' in found ? (found.row as queries.FileRow) : undefined;
}
