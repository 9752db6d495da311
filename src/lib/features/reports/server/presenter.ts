import { pick, type Locale } from '#lib/i18n/index.ts';
import { berlinIso } from '#lib/server/time.ts';
import { openStatuses } from './tables.ts';
import type { AttributeRow, CategoryRow, EventRow, PhotoRow, ReportListRow } from './queries.ts';

/** A category as an Open311 service (GET services). */
export function presentService(category: CategoryRow, attributeCount: number, locale: Locale = 'de') {
	return {
		service_code: category.code,
		service_name: pick(category.name, locale).text,
		description: category.description ? pick(category.description, locale).text : null,
		metadata: attributeCount > 0,
		type: 'realtime' as const,
		keywords: category.keywords,
		group: category.group
	};
}

/** A category's extra questions as an Open311 service definition (GET services/{code}). */
export function presentServiceDefinition(category: CategoryRow, attributes: AttributeRow[], locale: Locale = 'de') {
	return {
		service_code: category.code,
		attributes: attributes.map((a) => ({
			variable: a.variable,
			code: a.code,
			datatype: a.datatype,
			required: a.required,
			datatype_description: a.datatypeDescription ? pick(a.datatypeDescription, locale).text : null,
			order: a.order,
			description: pick(a.description, locale).text,
			values: a.values.map((v) => ({ key: v.key, name: pick(v.name, locale).text }))
		}))
	};
}

/**
 * A report as the public sees it (pages, map, Open311, open data). Only what staff released and
 * what locates it: never the original text, the sender's description of the place, name,
 * address or account, nor internal notes.
 */
export function presentPublicReport(row: ReportListRow, locale: Locale = 'de') {
	return {
		id: row.id,
		category: { code: row.category.code, name: pick(row.category.name, locale).text },
		status: row.status,
		municipality: row.municipality,
		district: row.district,
		description: row.publicDescription,
		address: row.address,
		point: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
		photos: row.photos,
		supports: row.supports,
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}
export type PublicReport = ReturnType<typeof presentPublicReport>;

/** The public timeline: confirmations, status changes with their messages, hand-overs. */
export function presentTimeline(events: { event: EventRow; municipality: string }[]) {
	return events
		.filter((e) => e.event.isPublic)
		.map((e) => ({
			at: e.event.at.toISOString(),
			kind: e.event.kind,
			status: e.event.status,
			municipality: e.event.kind === 'handed_over' ? e.event.text : e.municipality,
			text: e.event.kind === 'handed_over' ? null : e.event.text
		}));
}

export function presentPhotos(reportId: number, photos: PhotoRow[], opts: { all?: boolean } = {}) {
	return photos
		.filter((p) => opts.all || p.state === 'released')
		.map((p) => ({ id: p.id, state: p.state, width: p.width, height: p.height, url: `/anliegen/${reportId}/fotos/${p.id}`, thumbUrl: `/anliegen/${reportId}/fotos/${p.id}?klein` }));
}

/**
 * A report as an Open311 service request, field by field as GeoReport v2 has them. Public data
 * only: no reporter, no original text (description is the released text), media_url the first
 * released photo. `extended_attributes` (with `extensions=true`) carries the status history.
 */
export function presentServiceRequest(
	row: ReportListRow,
	origin: string,
	opts: { photoId?: number; history?: { at: Date; kind: string; status: string | null; text: string | null }[]; locale?: Locale } = {}
) {
	const closed = !openStatuses.includes(row.status);
	const request: Record<string, unknown> = {
		service_request_id: String(row.id),
		status: closed ? 'closed' : 'open',
		status_notes: row.statusNote,
		service_name: pick(row.category.name, opts.locale ?? 'de').text,
		service_code: row.category.code,
		description: row.publicDescription,
		agency_responsible: row.municipality.name,
		service_notice: null,
		requested_datetime: berlinIso(row.createdAt),
		updated_datetime: berlinIso(row.updatedAt),
		expected_datetime: null,
		address: [row.address, row.district, row.municipality.name].filter(Boolean).join(', '),
		address_id: null,
		zipcode: null,
		lat: row.lat,
		long: row.lon,
		media_url: opts.photoId ? `${origin}/anliegen/${row.id}/fotos/${opts.photoId}` : null
	};
	if (opts.history) {
		request.extended_attributes = {
			status: row.status,
			notes: opts.history.map((h) => ({ datetime: berlinIso(h.at), type: h.kind, status: h.status, description: h.kind === 'handed_over' ? `→ ${h.text}` : h.text }))
		};
	}
	return request;
}
