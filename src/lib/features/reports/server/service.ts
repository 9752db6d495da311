import sharp from 'sharp';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, systemActor, type Actor } from '#lib/server/actor.ts';
import { transaction, type Db } from '#lib/server/db/client.ts';
import { composeMail } from '#lib/server/mail/compose.ts';
import { enqueueMail } from '#lib/server/mail/index.ts';
import { ImageError, processImage } from '#lib/server/images.ts';
import { newStorageKey, type Storage } from '#lib/server/storage/index.ts';
import { log } from '#lib/server/log.ts';
import { pick, translator, type Locale, type MessageKey } from '#lib/i18n/index.ts';
import { findMunicipality, findRegion, listDistricts, municipalityNamesOf } from '../../region/server/queries.ts';
import { locatePoint } from '../../region/server/service.ts';
import { nearestAddress } from '../../addresses/server/service.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { hashToken, newToken } from '../../accounts/server/tokens.ts';
import { findAccount, listStaffOf } from '../../accounts/server/queries.ts';
import { MAX_PHOTOS, type ReportInput, type StatusChange } from '../schemas.ts';
import { reportsPolicy } from './policy.ts';
import { regionPolicy } from '../../region/server/policy.ts';
import { reportTopic } from './retention.ts';
import * as queries from './queries.ts';
import { openStatuses, type ReportStatus } from './tables.ts';

/** Open reports of the same category this close to a new one are offered as possible duplicates. */
export const DUPLICATE_METRES = 50;
/** A report its sender never confirmed is deleted after this many days. */
export const UNCONFIRMED_DAYS = 7;

export type MailContext = { origin: string };

/** A refusal shown next to a form field (catalogue key) or as an Open311 error. */
export class ReportError extends Error {
	readonly field: string;
	readonly key: MessageKey;
	readonly params: Record<string, string>;
	constructor(field: string, key: MessageKey, params: Record<string, string> = {}) {
		super(key);
		this.field = field;
		this.key = key;
		this.params = params;
	}
}

export const isClosed = (status: ReportStatus) => !openStatuses.includes(status);

// ---------------------------------------------------------------- photos

const PHOTO_KEY = /^reports\/\d{4}-\d{2}\/[0-9a-f-]{36}\.webp$/;
const thumbKeyOf = (fileKey: string) => fileKey.replace(/\.webp$/, '-thumb.webp');

/**
 * Decodes, cleans and stores an uploaded photo before the report exists, so that a form shown
 * again (a missing field, the duplicate or border step) keeps it: the returned key travels in a
 * hidden field. Keys are random and unguessable; photos never attached are removed by the
 * nightly clean-up.
 */
export async function storeUploadedPhoto(storage: Storage, data: Buffer) {
	let processed;
	try {
		processed = await processImage(data);
	} catch (e) {
		if (e instanceof ImageError) throw new ReportError('photos', e.reason === 'too_large' ? 'report.err.photoTooLarge' : 'report.err.photoUnreadable');
		throw e;
	}
	const key = newStorageKey('reports', 'webp');
	await storage.put(key, processed.image);
	try {
		await storage.put(thumbKeyOf(key), processed.thumb);
	} catch (error) {
		await storage.remove(key).catch(() => {}); // the nightly clean-up would find it too
		throw error;
	}
	return key;
}

async function photoRows(db: Db, storage: Storage, keys: string[]) {
	const unique = [...new Set(keys)];
	if (unique.length > MAX_PHOTOS) throw new ReportError('photos', 'report.err.photoCount', { max: String(MAX_PHOTOS) });
	// a form sent twice (a double click) must not attach the same files to a second report
	if ((await queries.listFileKeys(db, unique)).size) throw new ReportError('photos', 'report.err.photoUsed');
	const rows = [];
	for (const [i, key] of unique.entries()) {
		const data = PHOTO_KEY.test(key) ? await storage.read(key) : undefined;
		if (!data) throw new ReportError('photos', 'report.err.photoMissing');
		const meta = await sharp(data).metadata();
		rows.push({ fileKey: key, thumbKey: thumbKeyOf(key), width: meta.width ?? 0, height: meta.height ?? 0, bytes: data.length, sortOrder: i });
	}
	return rows;
}

// ---------------------------------------------------------------- creating

export type CreateOptions = {
	photos?: string[];
	/** The sender has seen the possible duplicates and reports anyway. */
	duplicatesSeen?: boolean;
	locale?: Locale;
	source?: 'web' | 'open311';
	apiKeyId?: number;
	/** Staff entering a report taken by phone or at the counter: confirmed at once. */
	onBehalf?: boolean;
	/** No one to ask near a border (an API client): the municipality covering the point takes it. */
	coveringOnBorder?: boolean;
	/** An API key scoped to one municipality may only create its reports. */
	scopeAgs?: string | null;
};

export type CreateResult =
	| { kind: 'created'; id: number; token: string; needsConfirmation: boolean; mailIds: number[] }
	| { kind: 'chooseMunicipality'; options: { ags: string; name: string }[] }
	| { kind: 'duplicates'; candidates: Awaited<ReturnType<typeof queries.findNearbyOpen>> };

async function validAttributes(db: Db, categoryId: number, given: Record<string, string | string[]>) {
	const definitions = await queries.listAttributes(db, categoryId);
	const out: Record<string, string | string[]> = {};
	for (const a of definitions.filter((d) => d.variable)) {
		const raw = given[a.code];
		const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);
		if (!values.length) {
			if (a.required) throw new ReportError(`attribute.${a.code}`, 'report.err.attributeRequired');
			continue;
		}
		const keys = new Set(a.values.map((v) => v.key));
		if (a.datatype === 'multivaluelist') {
			if (values.some((v) => !keys.has(v))) throw new ReportError(`attribute.${a.code}`, 'report.err.attribute');
			out[a.code] = [...new Set(values)];
			continue;
		}
		if (values.length > 1) throw new ReportError(`attribute.${a.code}`, 'report.err.attribute');
		const value = values[0];
		if (a.datatype === 'singlevaluelist' && !keys.has(value)) throw new ReportError(`attribute.${a.code}`, 'report.err.attribute');
		if (a.datatype === 'number' && !/^-?\d+([.,]\d+)?$/.test(value)) throw new ReportError(`attribute.${a.code}`, 'report.err.attributeNumber');
		if (a.datatype === 'datetime' && Number.isNaN(Date.parse(value))) throw new ReportError(`attribute.${a.code}`, 'report.err.attribute');
		out[a.code] = value;
	}
	return out;
}

/** Where a report goes: the municipality covering its point, or the chosen one for a report without a point. */
async function route(db: Db, input: ReportInput, coveringOnBorder = false) {
	if (input.lat !== undefined && input.lon !== undefined) {
		const located = await locatePoint(db, input.lon, input.lat);
		if (!located.inside) {
			if (located.place) throw new ReportError('location', 'report.err.outsideNamed', { place: located.place.name, district: located.place.district ?? '' });
			throw new ReportError('location', 'report.err.outside');
		}
		const options = [located.municipality, ...located.nearby];
		if (located.nearby.length) {
			const chosen = options.find((o) => o.ags === input.municipality) ?? (coveringOnBorder ? located.municipality : undefined);
			if (!chosen) return { choose: options.map((o) => ({ ags: o.ags, name: o.name })) };
			return { municipality: chosen, districtId: undefined };
		}
		return { municipality: located.municipality, districtId: input.district };
	}
	const chosen = input.municipality ? await findMunicipality(db, { ags: input.municipality }) : undefined;
	if (!chosen) throw new ReportError('municipality', 'report.err.municipality');
	if (!input.placeDescription && !input.address) throw new ReportError('placeDescription', 'report.err.placeMissing');
	return { municipality: chosen, districtId: input.district };
}

/**
 * Creates an Anliegen. Checks the category and its questions, finds the responsible municipality,
 * offers nearby open reports of the same category, attaches the (already cleaned) photos and, in
 * one transaction, writes the report, its history and the mails: a confirmation link for a sender
 * whose address is not verified, otherwise the notice to the municipality.
 */
export async function createReport(db: Db, storage: Storage, actor: Actor, input: ReportInput, opts: CreateOptions, ctx: MailContext): Promise<CreateResult> {
	if (!reportsPolicy.create()) throw new ForbiddenError();
	const category = await queries.findActiveCategory(db, input.category);
	if (!category) throw new ReportError('category', 'report.err.category');
	const attributes = await validAttributes(db, category.id, input.attributes);

	const routed = await route(db, input, opts.coveringOnBorder);
	if ('choose' in routed) return { kind: 'chooseMunicipality', options: routed.choose! };
	const { municipality } = routed;
	if (opts.scopeAgs && opts.scopeAgs !== municipality.ags) throw new ForbiddenError();
	if (opts.onBehalf && !reportsPolicy.enterOnBehalf(actor, municipality.ags)) throw new ForbiddenError();
	let districtId = routed.districtId ?? null;
	if (districtId !== null) {
		const districts = await listDistricts(db, municipality.id);
		if (!districts.some((d) => d.id === districtId)) districtId = null;
	}

	if (input.lat !== undefined && input.lon !== undefined && !opts.duplicatesSeen) {
		const candidates = await queries.findNearbyOpen(db, category.id, input.lon, input.lat, DUPLICATE_METRES);
		if (candidates.length) return { kind: 'duplicates', candidates };
	}

	// Who reports: a signed-in account (its address), or a guest who must give an address.
	const account = actor.kind === 'user' && actor.id && !opts.onBehalf ? await findAccount(db, actor.id) : undefined;
	const email = account?.email ?? input.email;
	if (!email && !opts.onBehalf && opts.source !== 'open311') throw new ReportError('email', 'report.err.emailRequired');
	const trusted = opts.onBehalf || opts.source === 'open311' || Boolean(account?.emailVerifiedAt);
	const locale = account?.locale ?? opts.locale ?? 'de';
	const photos = await photoRows(db, storage, opts.photos ?? []);
	const confirmation = trusted ? undefined : newToken();
	// a point without an address gets the nearest one from the gazetteer, as staff would describe it
	const address = input.address ?? (input.lat !== undefined && input.lon !== undefined ? await nearestAddress(db, input.lon, input.lat) : undefined);

	return transaction(db, async (tx) => {
		const created = await queries.insertReport(tx, {
			categoryId: category.id,
			municipalityId: municipality.id,
			districtId,
			lon: input.lon,
			lat: input.lat,
			address: address ?? null,
			placeDescription: input.placeDescription ?? null,
			description: input.description,
			attributes,
			mediaUrl: input.mediaUrl ?? null,
			source: opts.onBehalf ? 'staff' : (opts.source ?? 'web'),
			apiKeyId: opts.apiKeyId ?? null,
			reporterName: input.name ?? null,
			reporterEmail: email ?? null,
			reporterAccountId: account?.id ?? null,
			reporterLocale: locale,
			confirmationHash: confirmation?.id ?? null
		});
		await queries.insertPhotos(tx, photos.map((p) => ({ ...p, reportId: created.id })));
		await queries.insertEvent(tx, {
			reportId: created.id,
			kind: 'created',
			municipalityId: municipality.id,
			actorId: opts.onBehalf ? actor.id : null,
			actorName: opts.onBehalf ? actor.name : null,
			status: 'received'
		});
		const mailIds: number[] = [];
		if (confirmation) {
			const t = await mailTranslator(tx, locale);
			mailIds.push(
				await enqueueMail(tx, {
					topic: reportTopic(created.id),
					...composeMail(email!, locale, {
						subject: t('mail.report.confirm.subject', { id: String(created.id) }),
						paragraphs: [t('mail.report.confirm.body', { category: pick(category.name, locale).text, municipality: municipality.name }), t('mail.report.confirm.expiry', { days: String(UNCONFIRMED_DAYS) })],
						action: { label: t('mail.report.confirm.action'), url: `${ctx.origin}/anliegen/bestaetigen/${confirmation.token}` },
						footer: t('mail.report.confirm.footer')
					})
				})
			);
		} else {
			mailIds.push(...(await markConfirmed(tx, created.id, ctx)));
		}
		return { kind: 'created' as const, id: created.id, token: created.token, needsConfirmation: Boolean(confirmation), mailIds };
	});
}

async function mailTranslator(db: Db, locale: Locale) {
	const region = await findRegion(db);
	return translator(locale, { region: region?.name ?? 'Partheland' });
}

/** The report is confirmed: it enters the public timeline and reaches the municipality's mailbox. */
async function markConfirmed(tx: Db, id: number, ctx: MailContext) {
	await queries.updateReport(tx, id, { confirmedAt: new Date(), confirmationHash: null });
	const detail = (await queries.findReport(tx, { id }))!;
	await queries.insertEvent(tx, { reportId: id, kind: 'confirmed', municipalityId: detail.municipality.id, status: 'received', isPublic: true });
	const rule = await queries.findMatchingRule(tx, id);
	if (rule) return forwardByRule(tx, detail, rule, ctx);
	const mailId = await notifyMunicipality(tx, detail, ctx, 'new');
	return mailId === undefined ? [] : [mailId];
}

/**
 * A responsibility rule sends the report to an outside body: it is closed for us as
 * "weitergeleitet", the body gets the facts by e-mail (not the reporter's contact), the
 * reporter is told where it went.
 */
async function forwardByRule(tx: Db, detail: queries.ReportDetail, rule: { id: number; name: string; targetName: string; targetEmail: string }, ctx: MailContext) {
	const id = detail.report.id;
	const now = new Date();
	await queries.updateReport(tx, id, { status: 'forwarded', statusNote: rule.targetName, closedAt: now, firstResponseAt: now });
	await queries.insertEvent(tx, { reportId: id, kind: 'status', municipalityId: detail.municipality.id, actorName: `Zuständigkeitsregel „${rule.name}“`, status: 'forwarded', text: rule.targetName, isPublic: true });
	await recordAudit(tx, { ...systemActor, name: `Zuständigkeitsregel „${rule.name}“` }, {
		action: 'report.forwardByRule',
		entityType: 'report',
		entityId: String(id),
		municipality: detail.municipality.ags,
		before: { status: detail.report.status },
		after: { status: 'forwarded', statusNote: rule.targetName }
	});
	const mailIds = [await mailToOutsideBody(tx, detail, rule.targetEmail, rule.targetName, `Zuständigkeitsregel „${rule.name}“`, ctx)];
	const reporterMail = await statusMailToReporter(tx, detail, 'forwarded', rule.targetName, '', ctx);
	if (reporterMail !== undefined) mailIds.push(reporterMail);
	return mailIds;
}

/** The facts of a report for the outside body it is forwarded to: never the reporter's contact. */
async function mailToOutsideBody(tx: Db, detail: queries.ReportDetail, email: string, target: string, by: string, ctx: MailContext) {
	const t = await mailTranslator(tx, 'de');
	const id = detail.report.id;
	const where = [detail.report.address, detail.report.placeDescription, detail.district, detail.municipality.name].filter(Boolean).join(', ');
	const point = detail.lat !== null && detail.lon !== null ? `${detail.lat.toFixed(6)}, ${detail.lon.toFixed(6)} (WGS 84)` : '';
	return enqueueMail(tx, {
		topic: reportTopic(id),
		...composeMail(email, 'de', {
			subject: t('mail.report.forwarded.subject', { id: String(id), category: pick(detail.category.name, 'de').text }),
			paragraphs: [t('mail.report.forwarded.body', { target }), [where, point].filter(Boolean).join('\n'), detail.report.description],
			action: { label: t('mail.report.status.action'), url: `${ctx.origin}/anliegen/${id}` },
			footer: t('mail.report.forwarded.footer', { rule: by })
		})
	});
}

/** The reporter hears of a new status in their language, while their address is stored. */
async function statusMailToReporter(tx: Db, detail: queries.ReportDetail, status: ReportStatus, note: string | null, message: string, ctx: MailContext) {
	const r = detail.report;
	if (!r.reporterEmail) return undefined;
	const locale = r.reporterLocale;
	const t = await mailTranslator(tx, locale);
	const statusName = t(`report.status.${status}` as MessageKey);
	return enqueueMail(tx, {
		topic: reportTopic(r.id),
		...composeMail(r.reporterEmail, locale, {
			subject: t('mail.report.status.subject', { id: String(r.id), status: statusName }),
			paragraphs: [t('mail.report.status.body', { category: pick(detail.category.name, locale).text, status: statusName, municipality: detail.municipality.name }), ...(note ? [note] : []), ...(message ? [message] : [])],
			action: { label: t('mail.report.status.action'), url: `${ctx.origin}/anliegen/${r.id}` },
			footer: t('mail.report.status.footer')
		})
	});
}

async function notifyMunicipality(tx: Db, detail: queries.ReportDetail, ctx: MailContext, why: 'new' | 'handedOver') {
	// the team that owns the category (Bauhof, Ordnungsamt) hears of it first, else the shared mailbox
	const team = await queries.teamForCategory(tx, detail.municipality.id, detail.category.code);
	if (team) await queries.updateReport(tx, detail.report.id, { teamId: team.id });
	const mailbox = team?.email ?? detail.municipality.reportsMailbox;
	if (!mailbox) return undefined;
	const t = await mailTranslator(tx, 'de');
	const where = detail.report.address ?? detail.report.placeDescription ?? (detail.lat !== null && detail.lon !== null ? `${detail.lat.toFixed(5)}, ${detail.lon.toFixed(5)}` : '');
	return enqueueMail(tx, {
		topic: reportTopic(detail.report.id),
		...composeMail(mailbox, 'de', {
			subject: t(why === 'new' ? 'mail.report.new.subject' : 'mail.report.handedOver.subject', { id: String(detail.report.id), category: pick(detail.category.name, 'de').text }),
			paragraphs: [
				t(why === 'new' ? 'mail.report.new.body' : 'mail.report.handedOver.body', { municipality: detail.municipality.name }),
				`${pick(detail.category.name, 'de').text} – ${where}`,
				detail.report.description
			],
			action: { label: t('mail.report.new.action'), url: `${ctx.origin}/verwaltung/anliegen/${detail.report.id}` },
			footer: t('mail.report.new.footer')
		})
	});
}

/** The sender's confirmation link. Returns the report id, or undefined when the link is unknown or used. */
export async function confirmReport(db: Db, token: string, ctx: MailContext) {
	return transaction(db, async (tx) => {
		const found = await queries.findReport(tx, { confirmationHash: hashToken(token) });
		if (!found || found.report.confirmedAt) return undefined;
		const mailIds = await markConfirmed(tx, found.report.id, ctx);
		return { id: found.report.id, mailIds };
	});
}

export async function isPendingConfirmation(db: Db, token: string) {
	const found = await queries.findReport(db, { confirmationHash: hashToken(token) });
	return Boolean(found && !found.report.confirmedAt);
}

/** Possible duplicates for the form while the citizen chooses category and place. */
export async function nearbyOpenReports(db: Db, categoryCode: string, lon: number, lat: number) {
	const category = await queries.findActiveCategory(db, categoryCode);
	if (!category || !category.isPublic) return [];
	return queries.findNearbyOpen(db, category.id, lon, lat, DUPLICATE_METRES);
}

// ---------------------------------------------------------------- processing by staff

/** A report as staff see it, if the actor may (responsible now or before). */
export async function getReportForStaff(db: Db, actor: Actor, id: number) {
	const detail = await queries.findReport(db, { id });
	if (!detail || !detail.report.confirmedAt) throw new NotFoundError();
	const former = await queries.formerMunicipalities(db, id);
	if (!reportsPolicy.readInternal(actor, detail.municipality.ags, former)) throw new ForbiddenError();
	const [photos, events] = await Promise.all([queries.listPhotos(db, id), queries.listEvents(db, id)]);
	return { ...detail, photos, events, canProcess: reportsPolicy.process(actor, detail.municipality.ags) };
}

async function processable(tx: Db, actor: Actor, id: number) {
	const detail = await queries.findReport(tx, { id });
	if (!detail || !detail.report.confirmedAt) throw new NotFoundError();
	if (!reportsPolicy.process(actor, detail.municipality.ags)) throw new ForbiddenError();
	return detail;
}

/**
 * A new status with an optional public message. Rejecting needs a reason, forwarding the
 * external body; both are shown publicly. The reporter is told by e-mail (in their language)
 * while their address is still stored.
 */
export async function changeReportStatus(db: Db, actor: Actor, id: number, change: StatusChange, ctx: MailContext) {
	return transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		const r = detail.report;
		if (r.status === change.status && !change.message) throw new ReportError('status', 'report.err.statusUnchanged');
		const now = new Date();
		const note = ['rejected', 'forwarded'].includes(change.status) ? change.note : null;
		const values = {
			status: change.status,
			statusNote: note,
			closedAt: isClosed(change.status) ? (r.closedAt ?? now) : null,
			firstResponseAt: r.firstResponseAt ?? now
		};
		await queries.updateReport(tx, id, values);
		await queries.insertEvent(tx, {
			reportId: id,
			kind: r.status === change.status ? 'message' : 'status',
			municipalityId: detail.municipality.id,
			actorId: actor.id ?? null,
			actorName: actor.name,
			status: change.status,
			text: [note, change.message].filter(Boolean).join('\n\n') || null,
			isPublic: true
		});
		await recordAudit(tx, actor, {
			action: 'report.status',
			entityType: 'report',
			entityId: String(id),
			municipality: detail.municipality.ags,
			before: { status: r.status, statusNote: r.statusNote },
			after: { status: change.status, statusNote: note, message: change.message || undefined }
		});
		const mailIds: number[] = [];
		if (change.status === 'forwarded' && change.forwardEmail) mailIds.push(await mailToOutsideBody(tx, detail, change.forwardEmail, note!, `${actor.name}, ${detail.municipality.name}`, ctx));
		const reporterMail = await statusMailToReporter(tx, detail, change.status, note, change.message, ctx);
		if (reporterMail !== undefined) mailIds.push(reporterMail);
		if (r.status !== change.status) {
			for (const supporter of await queries.listNotifiedSupporters(tx, id)) {
				if (supporter.email === r.reporterEmail) continue;
				const t = await mailTranslator(tx, supporter.locale);
				const statusName = t(`report.status.${change.status}` as MessageKey);
				mailIds.push(
					await enqueueMail(tx, {
						topic: reportTopic(id),
						...composeMail(supporter.email, supporter.locale, {
							subject: t('mail.report.status.subject', { id: String(id), status: statusName }),
							paragraphs: [t('mail.report.status.bodySupporter', { category: pick(detail.category.name, supporter.locale).text, status: statusName, municipality: detail.municipality.name }), ...(change.message ? [change.message] : [])],
							action: { label: t('mail.report.status.action'), url: `${ctx.origin}/anliegen/${id}` },
							footer: t('mail.report.status.footerSupporter')
						})
					})
				);
			}
		}
		return { mailIds };
	});
}

/**
 * Freigabe: what the public may see. Staff release the text (possibly redacted: faces, number
 * plates and names are their judgement) and decide photo by photo.
 */
export async function releaseReport(db: Db, actor: Actor, id: number, input: { publicDescription: string | null; photos: Record<number, 'pending' | 'released' | 'rejected'> }) {
	return transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		const photos = await queries.listPhotos(tx, id);
		for (const [photoId, state] of Object.entries(input.photos)) {
			if (!photos.some((p) => p.id === Number(photoId))) throw new ReportError('photos', 'report.err.photoMissing');
			await queries.setPhotoState(tx, id, Number(photoId), state);
		}
		await queries.updateReport(tx, id, { publicDescription: input.publicDescription });
		await queries.insertEvent(tx, { reportId: id, kind: 'released', municipalityId: detail.municipality.id, actorId: actor.id ?? null, actorName: actor.name });
		await recordAudit(tx, actor, {
			action: 'report.release',
			entityType: 'report',
			entityId: String(id),
			municipality: detail.municipality.ags,
			before: { publicDescription: detail.report.publicDescription, photos: Object.fromEntries(photos.map((p) => [p.id, p.state])) },
			after: { publicDescription: input.publicDescription, photos: { ...Object.fromEntries(photos.map((p) => [p.id, p.state])), ...input.photos } }
		});
	});
}

/** An internal note (never public). */
export async function addReportNote(db: Db, actor: Actor, id: number, text: string) {
	const trimmed = text.trim();
	if (!trimmed || trimmed.length > 2000) throw new ReportError('note', 'report.err.note');
	await transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		await queries.insertEvent(tx, { reportId: id, kind: 'note', municipalityId: detail.municipality.id, actorId: actor.id ?? null, actorName: actor.name, text: trimmed });
	});
}

/**
 * Übergabe to another member municipality: it becomes responsible, the status stays; the
 * previous municipality keeps reading the history (through the events written under its name).
 */
export async function handOverReport(db: Db, actor: Actor, id: number, targetAgs: string, reason: string, ctx: MailContext) {
	return transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		const target = await findMunicipality(tx, { ags: targetAgs });
		if (!target || target.ags === detail.municipality.ags) throw new ReportError('municipality', 'report.err.handOverTarget');
		await queries.updateReport(tx, id, { municipalityId: target.id, districtId: null, assigneeId: null, teamId: null });
		await queries.insertEvent(tx, {
			reportId: id,
			kind: 'handed_over',
			municipalityId: detail.municipality.id,
			actorId: actor.id ?? null,
			actorName: actor.name,
			text: target.name,
			isPublic: true
		});
		if (reason.trim()) await queries.insertEvent(tx, { reportId: id, kind: 'note', municipalityId: detail.municipality.id, actorId: actor.id ?? null, actorName: actor.name, text: reason.trim() });
		await queries.insertEvent(tx, { reportId: id, kind: 'routed', municipalityId: target.id, status: detail.report.status });
		await recordAudit(tx, actor, {
			action: 'report.handOver',
			entityType: 'report',
			entityId: String(id),
			municipality: detail.municipality.ags,
			before: { municipality: detail.municipality.ags },
			after: { municipality: target.ags }
		});
		const moved = (await queries.findReport(tx, { id }))!;
		const mailId = await notifyMunicipality(tx, moved, ctx, 'handedOver');
		return { mailIds: mailId ? [mailId] : [] };
	});
}

/** Colleagues of the responsible municipality, to whom the report can be assigned. */
export async function listAssignees(db: Db, actor: Actor, ags: string) {
	if (!reportsPolicy.process(actor, ags)) throw new ForbiddenError();
	return listStaffOf(db, ags);
}

/** Zuweisung to a colleague or a team of the responsible municipality (or back to nobody). */
export async function assignReport(db: Db, actor: Actor, id: number, to: { assigneeId?: string | null; teamId?: number | null }) {
	await transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		const colleagues = await listStaffOf(tx, detail.municipality.ags);
		const assignee = to.assigneeId ? colleagues.find((c) => c.id === to.assigneeId) : null;
		if (to.assigneeId && !assignee) throw new ReportError('assignee', 'report.err.assignee');
		const team = to.teamId ? await queries.findTeam(tx, to.teamId) : null;
		if (to.teamId && team?.municipalityId !== detail.municipality.id) throw new ReportError('assignee', 'report.err.assignee');
		await queries.updateReport(tx, id, { assigneeId: assignee?.id ?? null, teamId: team?.id ?? null });
		await queries.insertEvent(tx, { reportId: id, kind: 'assigned', municipalityId: detail.municipality.id, actorId: actor.id ?? null, actorName: actor.name, text: [team?.name, assignee?.displayName].filter(Boolean).join(' / ') || null });
		await recordAudit(tx, actor, {
			action: 'report.assign',
			entityType: 'report',
			entityId: String(id),
			municipality: detail.municipality.ags,
			before: { assignee: detail.report.assigneeId, team: detail.report.teamId },
			after: { assignee: assignee?.id ?? null, team: team?.id ?? null }
		});
	});
}

/** Teams of the municipalities the actor works for (for assignment and the inbox filter). */
export async function listTeamsFor(db: Db, actor: Actor, ags: string[]) {
	const own = reportsPolicy.inboxMunicipalities(actor).filter((a) => ags.includes(a));
	return queries.listTeams(db, (await municipalityNamesOf(db, own)).map((m) => m.id));
}

export const listTeamsOf = async (db: Db, municipalityId: number) => queries.listTeams(db, [municipalityId]);

/** Teams are kept by the municipality's editors and admins (like its other data). */
export async function addTeam(db: Db, actor: Actor, ags: string, input: { name: string; email: string | null; categoryCodes: string[] }) {
	if (!regionPolicy.editMunicipality(actor, ags)) throw new ForbiddenError();
	const m = await findMunicipality(db, { ags });
	if (!m) throw new NotFoundError();
	const name = input.name.trim();
	if (name.length < 2 || name.length > 60) throw new ReportError('name', 'report.err.teamName');
	if (input.email && !z.email().safeParse(input.email).success) throw new ReportError('email', 'report.err.email');
	await transaction(db, async (tx) => {
		const created = await queries.insertTeam(tx, { municipalityId: m.id, name, email: input.email, categoryCodes: input.categoryCodes });
		if (!created) throw new ReportError('name', 'report.err.teamExists');
		await recordAudit(tx, actor, { action: 'team.add', entityType: 'report_team', entityId: String(created.id), municipality: ags, before: null, after: { name, email: input.email, categories: input.categoryCodes.join(', ') } });
	});
}

export async function removeTeam(db: Db, actor: Actor, ags: string, id: number) {
	await transaction(db, async (tx) => {
		const team = await queries.findTeam(tx, id);
		const m = await findMunicipality(tx, { ags });
		if (!team || !m || team.municipalityId !== m.id) throw new NotFoundError();
		if (!regionPolicy.editMunicipality(actor, ags)) throw new ForbiddenError();
		await queries.deleteTeam(tx, id);
		await recordAudit(tx, actor, { action: 'team.remove', entityType: 'report_team', entityId: String(id), municipality: ags, before: { name: team.name }, after: null });
	});
}

/**
 * Posteingang: reports of every municipality the actor works for, filtered; a municipality
 * filter outside the actor's own is ignored (it never widens the scope).
 */
export async function listInbox(db: Db, actor: Actor, filter: Omit<queries.ReportFilter, 'municipalities' | 'publicOnly'> & { municipalityAgs?: string }) {
	const own = reportsPolicy.inboxMunicipalities(actor);
	if (!own.length) throw new ForbiddenError();
	// the actor's own members only (by AGS): a national installation has 11,000
	const members = await municipalityNamesOf(db, own);
	const chosen = filter.municipalityAgs && own.includes(filter.municipalityAgs) ? members.filter((m) => m.ags === filter.municipalityAgs) : members;
	const rows = await queries.listReports(db, { ...filter, municipalities: chosen.map((m) => m.id) });
	const items = rows.slice(0, filter.limit);
	return { items, nextBeforeId: rows.length > filter.limit ? items.at(-1)?.id : undefined, municipalities: members };
}

export const listSavedViews = (db: Db, actor: Actor) => (actor.id ? queries.listSavedViews(db, actor.id) : Promise.resolve([]));

export async function saveInboxView(db: Db, actor: Actor, name: string, query: string) {
	if (!actor.id || !reportsPolicy.inboxMunicipalities(actor).length) throw new ForbiddenError();
	const cleanName = name.trim();
	if (!cleanName || cleanName.length > 60) throw new ReportError('viewName', 'report.err.viewName');
	await queries.upsertSavedView(db, actor.id, cleanName, query.slice(0, 500));
}

export async function deleteInboxView(db: Db, actor: Actor, id: number) {
	if (!actor.id || !reportsPolicy.inboxMunicipalities(actor).length) throw new ForbiddenError();
	await queries.deleteSavedView(db, actor.id, id);
}

// ---------------------------------------------------------------- questions to the reporter

/** A Rückfrage link is valid this long. */
export const QUESTION_DAYS = 30;

/**
 * Rückfrage: a private question to the reporter by e-mail. The answer comes back through a
 * one-time link and lands in the report's internal history; nothing of it is public.
 */
export async function askReporter(db: Db, actor: Actor, id: number, question: string, ctx: MailContext) {
	const text = question.trim();
	if (text.length < 5 || text.length > 2000) throw new ReportError('question', 'report.err.question');
	return transaction(db, async (tx) => {
		const detail = await processable(tx, actor, id);
		const r = detail.report;
		if (!r.reporterEmail) throw new ReportError('question', 'report.err.noReporterEmail');
		const link = newToken();
		await queries.insertQuestion(tx, { reportId: id, tokenHash: link.id, question: text, askedBy: actor.id ?? null });
		await queries.insertEvent(tx, { reportId: id, kind: 'question', municipalityId: detail.municipality.id, actorId: actor.id ?? null, actorName: actor.name, text });
		await recordAudit(tx, actor, { action: 'report.question', entityType: 'report', entityId: String(id), municipality: detail.municipality.ags, before: null, after: { question: text } });
		const t = await mailTranslator(tx, r.reporterLocale);
		const mailId = await enqueueMail(tx, {
			topic: reportTopic(id),
			...composeMail(r.reporterEmail, r.reporterLocale, {
				subject: t('mail.report.question.subject', { id: String(id) }),
				paragraphs: [t('mail.report.question.body', { municipality: detail.municipality.name, category: pick(detail.category.name, r.reporterLocale).text }), text],
				action: { label: t('mail.report.question.action'), url: `${ctx.origin}/anliegen/antwort/${link.token}` },
				footer: t('mail.report.status.footer')
			})
		});
		return { mailIds: [mailId] };
	});
}

async function openQuestion(db: Db, token: string) {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
	return queries.findOpenQuestion(db, hashToken(token), new Date(Date.now() - QUESTION_DAYS * 86_400_000));
}

/** The question behind a link (for the answer page), or undefined when used or expired. */
export async function findQuestion(db: Db, token: string) {
	const q = await openQuestion(db, token);
	return q ? { reportId: q.reportId, question: q.question } : undefined;
}

/** The answer lands in the internal history; the person who asked is told by e-mail. */
export async function answerQuestion(db: Db, token: string, answer: string, ctx: MailContext) {
	const text = answer.trim();
	if (text.length < 1 || text.length > 2000) throw new ReportError('answer', 'report.err.answer');
	return transaction(db, async (tx) => {
		const q = await openQuestion(tx, token);
		if (!q || !(await queries.markAnswered(tx, q.id))) return undefined;
		const detail = (await queries.findReport(tx, { id: q.reportId }))!;
		await queries.insertEvent(tx, { reportId: q.reportId, kind: 'answer', municipalityId: detail.municipality.id, text, actorName: 'Meldende Person' });
		await queries.updateReport(tx, q.reportId, {});
		const asker = q.askedBy ? await findAccount(tx, q.askedBy) : undefined;
		const mailIds: number[] = [];
		if (asker) {
			const t = await mailTranslator(tx, 'de');
			mailIds.push(
				await enqueueMail(tx, {
					topic: reportTopic(q.reportId),
					...composeMail(asker.email, 'de', {
						subject: t('mail.report.answer.subject', { id: String(q.reportId) }),
						paragraphs: [t('mail.report.answer.body'), q.question, text],
						action: { label: t('mail.report.new.action'), url: `${ctx.origin}/verwaltung/anliegen/${q.reportId}` },
						footer: t('mail.report.new.footer')
					})
				})
			);
		}
		return { reportId: q.reportId, mailIds };
	});
}

// ---------------------------------------------------------------- supports

/**
 * Unterstützen: a signed-in person with a verified address counts at once; a guest gets a
 * confirmation link (and the answer is the same whether or not the address supported before).
 */
export async function supportReport(db: Db, actor: Actor, id: number, input: { email?: string; notify: boolean; locale: Locale }, ctx: MailContext) {
	const [row] = await queries.listReports(db, { ids: [id], publicOnly: true, limit: 1 });
	if (!row) throw new NotFoundError();
	if (isClosed(row.status)) throw new ReportError('support', 'report.err.supportClosed');
	const account = actor.kind === 'user' && actor.id ? await findAccount(db, actor.id) : undefined;
	if (account?.emailVerifiedAt) {
		const inserted = await queries.insertSupport(db, { reportId: id, accountId: account.id, notify: input.notify, confirmedAt: new Date() });
		return { kind: inserted ? ('supported' as const) : ('already' as const), mailIds: [] };
	}
	const email = input.email?.trim().toLowerCase();
	if (!email || !z.email().safeParse(email).success) throw new ReportError('email', 'report.err.email');
	const confirmation = newToken();
	return transaction(db, async (tx) => {
		const inserted = await queries.insertSupport(tx, { reportId: id, email, locale: input.locale, notify: input.notify, confirmationHash: confirmation.id });
		if (!inserted) return { kind: 'confirmationSent' as const, mailIds: [] };
		const t = await mailTranslator(tx, input.locale);
		const mailId = await enqueueMail(tx, {
			topic: reportTopic(id),
			...composeMail(email, input.locale, {
				subject: t('mail.report.support.subject', { id: String(id) }),
				paragraphs: [t('mail.report.support.body', { category: pick(row.category.name, input.locale).text, municipality: row.municipality.name })],
				action: { label: t('mail.report.support.action'), url: `${ctx.origin}/anliegen/unterstuetzen/${confirmation.token}` },
				footer: t('mail.report.confirm.footer')
			})
		});
		return { kind: 'confirmationSent' as const, mailIds: [mailId] };
	});
}

export async function confirmSupport(db: Db, token: string) {
	const row = await queries.confirmSupport(db, hashToken(token));
	return row?.reportId;
}

export const countSupports = queries.countSupports;
export async function hasSupported(db: Db, actor: Actor, id: number) {
	return actor.kind === 'user' && actor.id ? Boolean(await queries.findSupportOf(db, id, actor.id)) : false;
}

// ---------------------------------------------------------------- reading

export const listReports = queries.listReports;

/** A page of public reports (public categories, confirmed), newest first, by keyset. */
export async function listPublicReports(db: Db, filter: Omit<queries.ReportFilter, 'publicOnly'>) {
	const rows = await queries.listReports(db, { ...filter, publicOnly: true });
	const items = rows.slice(0, filter.limit);
	return { items, nextBeforeId: rows.length > filter.limit ? items.at(-1)?.id : undefined };
}

/** One public report with its public timeline and released photos; NotFound for anything not public. */
export async function getPublicReport(db: Db, id: number) {
	const [row] = await queries.listReports(db, { ids: [id], publicOnly: true, limit: 1 });
	if (!row) throw new NotFoundError();
	const [events, photos] = await Promise.all([queries.listEvents(db, id, { publicOnly: true }), queries.listPhotos(db, id)]);
	return { row, events, photos };
}

/**
 * A photo file: released photos of public reports for everyone, every photo for staff who may
 * read the report. Returns the bytes and whether they may be cached publicly.
 */
export async function readReportPhoto(db: Db, storage: Storage, actor: Actor, reportId: number, photoId: number, thumb: boolean) {
	const photo = await queries.findPhoto(db, reportId, photoId);
	if (!photo) throw new NotFoundError();
	const [publicRow] = photo.state === 'released' ? await queries.listReports(db, { ids: [reportId], publicOnly: true, limit: 1 }) : [];
	let isPublic = Boolean(publicRow);
	if (!isPublic) {
		const detail = await queries.findReport(db, { id: reportId });
		const former = detail ? await queries.formerMunicipalities(db, reportId) : [];
		if (!detail || !reportsPolicy.readInternal(actor, detail.municipality.ags, former)) throw new NotFoundError();
		isPublic = false;
	}
	const data = await storage.read(thumb ? photo.thumbKey : photo.fileKey);
	if (!data) throw new NotFoundError();
	return { data, isPublic };
}

/** Deletes reports never confirmed within the allowed days; their photos go with the nightly file clean-up. */
export async function purgeUnconfirmedReports(db: Db, now = new Date()) {
	await queries.deleteUnconfirmedSupportsBefore(db, new Date(now.getTime() - UNCONFIRMED_DAYS * 86_400_000));
	const ids = await queries.deleteUnconfirmedBefore(db, new Date(now.getTime() - UNCONFIRMED_DAYS * 86_400_000));
	return ids.length;
}

/** Removes stored photo files that no report references (uploads never attached, deleted reports). */
export async function purgeOrphanPhotos(db: Db, storage: Storage, olderThan: Date) {
	let removed = 0;
	let batch: string[] = [];
	const flush = async () => {
		const used = await queries.listFileKeys(db, batch);
		for (const key of batch) {
			if (used.has(key)) continue;
			await storage.remove(key);
			removed++;
		}
		batch = [];
	};
	for await (const file of storage.list('reports')) {
		if (file.modifiedAt >= olderThan) continue;
		batch.push(file.key);
		if (batch.length >= 500) await flush();
	}
	await flush();
	return removed;
}

/** Open311 GET requests: public requests with their first released photo and, if asked, their public history. */
export async function listServiceRequests(db: Db, filter: queries.ReportFilter, withHistory: boolean) {
	const rows = (await queries.listReports(db, { ...filter, publicOnly: true })).slice(0, filter.limit);
	const ids = rows.map((r) => r.id);
	const [photos, events] = await Promise.all([queries.listReleasedPhotosOf(db, ids), withHistory ? queries.listPublicEventsOf(db, ids) : Promise.resolve([])]);
	return rows.map((row) => ({
		row,
		photoId: photos.find((p) => p.reportId === row.id)?.id,
		history: withHistory ? events.filter((e) => e.reportId === row.id) : undefined
	}));
}

/** Open311 tokens: the request id for a token, once the report exists and is public. */
export async function findRequestByToken(db: Db, token: string) {
	if (!/^[0-9a-f-]{36}$/.test(token)) return undefined;
	const found = await queries.findReport(db, { token });
	if (!found || !found.report.confirmedAt || !found.category.isPublic) return undefined;
	return found.report.id;
}

export const listCategoriesByCodes = queries.listCategoriesByCodes;

/**
 * Statistik for a calendar year: public (public categories, all municipalities) or for staff
 * (every category of the municipalities they work for).
 */
export async function reportStatisticsForYear(db: Db, actor: Actor | null, year: number) {
	let municipalities: number[] | undefined;
	if (actor) {
		const own = reportsPolicy.inboxMunicipalities(actor);
		if (!own.length) throw new ForbiddenError();
		municipalities = (await municipalityNamesOf(db, own)).map((m) => m.id);
	}
	return shapeStatistics(await computeStatistics(db, year, municipalities));
}

function computeStatistics(db: Db, year: number, municipalities?: number[]) {
	const from = new Date(Date.UTC(year, 0, 1) - 3_600_000); // Berlin midnight (UTC+1 in January)
	const to = new Date(Date.UTC(year + 1, 0, 1) - 3_600_000);
	return queries.reportStatistics(db, { from, to, municipalities, publicOnly: !municipalities });
}

function shapeStatistics(rows: queries.StatisticsRow[]) {
	return {
		total: rows.find((r) => !r.month && !r.municipality && !r.category),
		byMonth: rows.filter((r) => r.month).sort((a, b) => a.month!.localeCompare(b.month!)),
		byMunicipality: rows.filter((r) => r.municipality),
		byCategory: rows.filter((r) => r.category)
	};
}

/** How old the public statistics may be before a request refreshes them. */
export const STATISTICS_MAX_AGE_MS = 5 * 60_000;
/** Below this many reports in a year the numbers are computed on every request (well under a second), so they are always current. */
export const STATISTICS_LIVE_BELOW = 100_000;

/**
 * The public statistics of a year. A cooperation's are computed live; a national installation's
 * come from their snapshot (see `reportStatisticsSnapshot`): a missing one is computed now, a
 * stale one is shown while one process refreshes it in the background.
 */
export async function publicStatisticsForYear(db: Db, year: number, now = new Date(), liveBelow = STATISTICS_LIVE_BELOW) {
	const snapshot = await queries.findStatisticsSnapshot(db, year);
	if (!snapshot) {
		// The year's first request computes it; requests at the same time wait for that one and read
		// its result instead of each aggregating the whole year (a national installation's cold start).
		const first = await transaction(db, async (tx) => {
			await queries.lockStatisticsYear(tx, year);
			return (await queries.findStatisticsSnapshot(tx, year)) ?? { rows: await refreshPublicStatistics(tx, year, now), computedAt: now };
		});
		return { ...shapeStatistics(first.rows), computedAt: first.computedAt };
	}
	const reports = snapshot.rows.find((r) => !r.month && !r.municipality && !r.category)?.reports ?? 0;
	if (reports < liveBelow) {
		// live; the snapshot is only renewed now and then, so that it still tells when the year grows large
		const stale = now.getTime() - snapshot.computedAt.getTime() > STATISTICS_MAX_AGE_MS;
		const rows = stale ? await refreshPublicStatistics(db, year, now) : await computeStatistics(db, year);
		return { ...shapeStatistics(rows), computedAt: now };
	}
	if (now.getTime() - snapshot.computedAt.getTime() > STATISTICS_MAX_AGE_MS && (await queries.claimStatisticsRefresh(db, year, now))) {
		refreshInBackground(db, year).catch((error) => log.warn({ year, err: (error as Error).message }, 'statistics not refreshed'));
	}
	return { ...shapeStatistics(snapshot.rows), computedAt: snapshot.computedAt };
}

export async function refreshPublicStatistics(db: Db, year: number, now = new Date()) {
	const rows = await computeStatistics(db, year);
	await queries.saveStatisticsSnapshot(db, year, rows, now);
	return rows;
}

/**
 * The refresh nobody waits for runs without parallel workers: aggregating a national year took
 * every core for ten seconds each time (the soak's p99 peaks); on one core it takes longer and
 * leaves the others to the requests.
 */
function refreshInBackground(db: Db, year: number) {
	return transaction(db, async (tx) => {
		await queries.withoutParallelWorkers(tx);
		return refreshPublicStatistics(tx, year);
	});
}

export const listRoutingRules = queries.listRoutingRules;

/** Adds a responsibility rule (operator command); the layer is GeoJSON geometry in WGS 84. */
export async function addRoutingRule(db: Db, input: { name: string; categoryCode: string; layerGeoJson?: string; bufferMetres: number; targetName: string; targetEmail: string }) {
	const category = await queries.findActiveCategory(db, input.categoryCode);
	if (!category) throw new ReportError('category', 'report.err.category');
	if (!z.email().safeParse(input.targetEmail).success) throw new ReportError('email', 'report.err.email');
	return queries.insertRoutingRule(db, { name: input.name, categoryId: category.id, layerGeoJson: input.layerGeoJson, bufferMetres: input.bufferMetres, targetName: input.targetName, targetEmail: input.targetEmail });
}

/** Merges a GeoJSON file's line or area features into one MultiLineString or MultiPolygon. */
export function layerFromGeoJson(text: string) {
	const geo = JSON.parse(text) as { type: string; features?: { geometry?: { type: string; coordinates: unknown } }[]; geometry?: { type: string; coordinates: unknown } };
	const geometries = (geo.type === 'FeatureCollection' ? (geo.features ?? []).map((f) => f.geometry) : [geo.type === 'Feature' ? geo.geometry : geo]).filter(Boolean) as {
		type: string;
		coordinates: unknown;
	}[];
	const lines = geometries.every((g) => g.type === 'LineString' || g.type === 'MultiLineString');
	const areas = geometries.every((g) => g.type === 'Polygon' || g.type === 'MultiPolygon');
	if (!geometries.length || (!lines && !areas)) throw new Error('Die Ebene muss nur Linien oder nur Flächen enthalten.');
	const parts = geometries.flatMap((g) => (g.type.startsWith('Multi') ? (g.coordinates as unknown[]) : [g.coordinates]));
	return JSON.stringify({ type: lines ? 'MultiLineString' : 'MultiPolygon', coordinates: parts });
}

export async function setRoutingRuleActive(db: Db, id: number, active: boolean) {
	return queries.setRoutingRuleActive(db, id, active);
}

/** Points of public reports for a map (the viewport's bbox and the list's filters). */
export async function listPublicPoints(db: Db, filter: Omit<queries.ReportFilter, 'publicOnly'>) {
	return queries.listReportPoints(db, { ...filter, publicOnly: true });
}
