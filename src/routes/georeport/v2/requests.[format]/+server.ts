import { db, storage } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import { ForbiddenError } from '#lib/server/actor.ts';
import { translator, type MessageKey } from '#lib/i18n/index.ts';
import { open311Error, open311Response } from '#lib/features/reports/open311.ts';
import { open311Request } from '#lib/features/reports/server/open311.ts';
import { presentServiceRequest } from '#lib/features/reports/server/presenter.ts';
import { createReport, listCategoriesByCodes, listServiceRequests, ReportError } from '#lib/features/reports/server/service.ts';
import { openStatuses, reportStatuses } from '#lib/features/reports/server/tables.ts';
import { reportInputSchema } from '#lib/features/reports/schemas.ts';
import { authenticateApiKey } from '#lib/features/apikeys/server/service.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';

const DAY = 86_400_000;
const MAX = 1000;

/** ISO 8601 with a time zone (W3C format): anything else is a 400. */
function parseDate(value: string | null) {
	if (value === null || value === '') return undefined;
	if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) return null;
	const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Open311 GET Service Requests. service_request_id (comma list) overrides every other filter;
 * otherwise service_code, start_date, end_date and status, by default the last 90 days, at most
 * 1,000. Extensions: page/page_size, extensions=true (status history).
 */
export const GET = async ({ url, params }) => {
	const req = await open311Request(url, params.format);
	if (req instanceof Response) return req;
	const p = url.searchParams;
	const municipality = req.municipalityAgs ? await regionQueries.findMunicipality(db(), { ags: req.municipalityAgs }) : undefined;
	const base = { municipalities: municipality ? [municipality.id] : undefined };
	const pageSize = p.has('page_size') ? Number(p.get('page_size')) : MAX;
	const page = p.has('page') ? Number(p.get('page')) : 1;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX) return open311Error(req.format, 400, `page_size muss eine ganze Zahl von 1 bis ${MAX} sein.`);
	if (!Number.isInteger(page) || page < 1 || page > 10_000) return open311Error(req.format, 400, 'page muss eine ganze Zahl ab 1 sein.');
	let filter;
	const ids = p.get('service_request_id');
	if (ids) {
		const list = ids.split(',').map((s) => s.trim());
		if (list.length > MAX || list.some((s) => !/^\d{1,10}$/.test(s))) return open311Error(req.format, 400, 'service_request_id: durch Kommas getrennte Nummern.');
		filter = { ...base, ids: list.map(Number), limit: MAX };
	} else {
		const start = parseDate(p.get('start_date'));
		const end = parseDate(p.get('end_date'));
		if (start === null || end === null) return open311Error(req.format, 400, 'start_date und end_date im Format ISO 8601 mit Zeitzone, z. B. 2026-11-01T00:00:00+01:00.');
		const to = end ?? (start ? new Date(start.getTime() + 90 * DAY) : new Date());
		const from = start ?? new Date(to.getTime() - 90 * DAY);
		if (to.getTime() < from.getTime()) return open311Error(req.format, 400, 'end_date liegt vor start_date.');
		if (to.getTime() - from.getTime() > 90 * DAY) return open311Error(req.format, 400, 'Der Zeitraum darf höchstens 90 Tage umfassen.');
		const statusParam = p.get('status');
		const wanted = statusParam ? statusParam.split(',').map((s) => s.trim()) : [];
		if (wanted.some((s) => s !== 'open' && s !== 'closed')) return open311Error(req.format, 400, 'status: open, closed oder beides, durch Komma getrennt.');
		const statuses = wanted.length === 1 ? (wanted[0] === 'open' ? [...openStatuses] : reportStatuses.filter((s) => !openStatuses.includes(s))) : undefined;
		const codes = p.get('service_code') ? p.get('service_code')!.split(',').map((s) => s.trim()) : undefined;
		const categories = codes ? await listCategoriesByCodes(db(), codes) : undefined;
		if (codes && categories!.length < new Set(codes).size) return open311Error(req.format, 404, `service_code „${codes.find((c) => !categories!.some((k) => k.code === c))!.slice(0, 60)}“ gibt es nicht.`);
		filter = {
			...base,
			categoryIds: categories?.map((c) => c.id),
			statuses,
			from,
			to: new Date(to.getTime() + 1),
			offset: (page - 1) * pageSize,
			limit: pageSize
		};
	}
	const rows = await listServiceRequests(db(), filter, p.get('extensions') === 'true');
	const origin = config().ORIGIN ?? url.origin;
	return open311Response(
		req.format,
		'service_requests',
		rows.map((r) => presentServiceRequest(r.row, origin, { photoId: r.photoId, history: r.history }))
	);
};

/**
 * Open311 POST Service Request: form-encoded, api_key required. Goes through the same routing,
 * checks and moderation as the form (staff release the text); media_url is stored as a link and
 * never fetched by the server.
 */
export const POST = async ({ url, params, request, locals }) => {
	const fmt = params.format === 'xml' ? 'xml' : 'json';
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
		return open311Error(fmt, 400, 'Bitte als application/x-www-form-urlencoded senden.');
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return open311Error(fmt, 400, 'Der Inhalt der Anfrage ist kein gültiges Formular.');
	}
	const field = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : undefined;
	};
	const req = await open311Request(url, params.format, field('jurisdiction_id') ?? null);
	if (req instanceof Response) return req;
	const client = field('api_key') ? await authenticateApiKey(db(), field('api_key')!) : undefined;
	if (!client) return open311Error(req.format, 403, 'api_key fehlt oder ist ungültig.');
	const limit = await consumeRateLimit(db(), `open311:key:${client.id}`, config().OPEN311_KEY_LIMIT_PER_HOUR, 3600);
	if (!limit.allowed) return open311Error(req.format, 403, 'Zu viele Anfragen mit diesem api_key; bitte später erneut versuchen.');
	const code = field('service_code');
	if (!code) return open311Error(req.format, 400, 'service_code fehlt.');
	const lat = field('lat');
	const long = field('long');
	const addressString = field('address_string');
	if (!lat && !long && !addressString) {
		return open311Error(req.format, 400, field('address_id') ? 'address_id wird nicht unterstützt: bitte lat/long oder address_string.' : 'Ort fehlt: lat und long oder address_string.');
	}
	const attributes: Record<string, string | string[]> = {};
	for (const [name, value] of form.entries()) {
		const match = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(name);
		if (!match || typeof value !== 'string') continue;
		if (match[2]) attributes[match[1]] = [...((attributes[match[1]] as string[] | undefined) ?? []), value];
		else attributes[match[1]] = value;
	}
	const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ').trim();
	const raw = {
		category: code,
		lat: lat ?? '',
		lon: long ?? '',
		municipality: lat && long ? '' : (req.municipalityAgs ?? client.municipalityAgs ?? ''),
		placeDescription: lat && long ? '' : (addressString ?? ''),
		address: lat && long ? (addressString ?? '') : '',
		description: field('description') ?? '',
		name,
		email: field('email') ?? '',
		mediaUrl: field('media_url') || undefined,
		attributes
	};
	const region = await regionQueries.findRegion(db());
	const t = translator('de', { region: region?.name ?? '' });
	const parsed = reportInputSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const fieldName = { lon: 'long', category: 'service_code', placeDescription: 'address_string', municipality: 'jurisdiction_id' }[String(issue.path[0])] ?? String(issue.path[0]);
		return open311Error(req.format, 400, `${fieldName}: ${t(issue.message as MessageKey, { max: '4000' })}`);
	}
	try {
		const result = await createReport(
			db(),
			storage(),
			locals.actor,
			{ ...parsed.data, municipality: parsed.data.municipality ?? req.municipalityAgs },
			{ source: 'open311', apiKeyId: client.id, duplicatesSeen: true, coveringOnBorder: true, scopeAgs: client.municipalityAgs, locale: 'de' },
			{ origin: config().ORIGIN ?? url.origin }
		);
		if (result.kind !== 'created') return open311Error(req.format, 400, 'Die Anfrage konnte nicht zugeordnet werden.');
		await dispatchMails(result.mailIds);
		return open311Response(req.format, 'service_requests', [{ service_request_id: String(result.id), service_notice: null, account_id: null }], 201);
	} catch (e) {
		if (e instanceof ForbiddenError) return open311Error(req.format, 403, 'Dieser api_key gilt nur für eine andere Kommune.');
		if (e instanceof ReportError) {
			if (e.field === 'category') return open311Error(req.format, 404, `service_code „${code.slice(0, 60)}“ gibt es nicht.`);
			const fieldName = e.field.startsWith('attribute.') ? `attribute[${e.field.slice(10)}]` : e.field === 'location' ? 'lat/long' : e.field;
			return open311Error(req.format, 400, `${fieldName}: ${t(e.key, e.params)}`);
		}
		throw e;
	}
};
