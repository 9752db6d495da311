import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { parseForm } from '#lib/server/forms.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { pick } from '#lib/i18n/localized.ts';
import { mailContext, requireStaff } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { statusChangeSchema } from '#lib/features/reports/schemas.ts';
import { responseTemplates } from '#lib/features/reports/templates.ts';
import { findCategoryDefinition } from '#lib/features/reports/server/categories.ts';
import { presentPhotos } from '#lib/features/reports/server/presenter.ts';
import { mapExtract } from '#lib/features/reports/server/extract.ts';
import {
	addReportNote,
	askReporter,
	assignReport,
	changeReportStatus,
	getReportForStaff,
	handOverReport,
	listAssignees,
	listTeamsOf,
	releaseReport,
	ReportError
} from '#lib/features/reports/server/service.ts';

function reportId(param: string) {
	const id = /^\d{1,10}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id)) error(404, 'Dieses Anliegen gibt es nicht.');
	return id;
}

/** Runs a use case; domain refusals become 403/404 pages or a message next to the action's form. */
async function attempt<T>(action: string, values: Record<string, string>, fn: () => Promise<T>) {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Dieses Anliegen gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Dieses Anliegen bearbeitet eine andere Kommune.');
		if (e instanceof ReportError) return fail(400, { action, values, errors: { [e.field]: e.key } });
		throw e;
	}
}

export const load = async ({ params, locals, url }) => {
	const actor = requireStaff(locals, url);
	const id = reportId(params.id);
	let detail;
	try {
		detail = await getReportForStaff(db(), actor, id);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Dieses Anliegen gibt es nicht.');
		if (e instanceof ForbiddenError) error(403, 'Dieses Anliegen bearbeitet eine andere Kommune.');
		throw e;
	}
	const r = detail.report;
	const [extract, assignees, teams, municipalities, definition] = await Promise.all([
		detail.lat !== null && detail.lon !== null ? mapExtract(db(), detail.lon, detail.lat) : Promise.resolve(null),
		detail.canProcess ? listAssignees(db(), actor, detail.municipality.ags) : Promise.resolve([]),
		detail.canProcess ? listTeamsOf(db(), detail.municipality.id) : Promise.resolve([]),
		regionQueries.listMunicipalities(db()),
		findCategoryDefinition(db(), detail.category.code)
	]);
	const questions = Object.fromEntries((definition?.attributes ?? []).map((a) => [a.code, { question: pick(a.description, 'de').text, values: Object.fromEntries(a.values.map((v) => [v.key, pick(v.name, 'de').text])) }]));
	return {
		report: {
			id: r.id,
			status: r.status,
			statusNote: r.statusNote,
			category: pick(detail.category.name, 'de').text,
			categoryPublic: detail.category.isPublic,
			municipality: detail.municipality,
			district: detail.district,
			address: r.address,
			placeDescription: r.placeDescription,
			point: detail.lat !== null && detail.lon !== null ? { lat: detail.lat, lon: detail.lon } : null,
			description: r.description,
			publicDescription: r.publicDescription,
			answers: Object.entries(r.attributes).map(([code, value]) => ({
				question: questions[code]?.question ?? code,
				answer: (Array.isArray(value) ? value : [value]).map((v) => questions[code]?.values[v] ?? v).join(', ')
			})),
			mediaUrl: r.mediaUrl,
			source: r.source,
			reporterName: r.reporterName,
			reporterEmail: r.reporterEmail,
			erased: Boolean(r.erasedAt),
			assigneeId: r.assigneeId,
			teamId: r.teamId,
			createdAt: r.createdAt.toISOString(),
			confirmedAt: r.confirmedAt?.toISOString() ?? null,
			firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
			closedAt: r.closedAt?.toISOString() ?? null
		},
		photos: presentPhotos(id, detail.photos, { all: true }),
		extract,
		events: detail.events.map((e) => ({ id: e.event.id, at: e.event.at.toISOString(), kind: e.event.kind, status: e.event.status, text: e.event.text, actor: e.event.actorName, isPublic: e.event.isPublic, municipality: e.municipality })),
		canProcess: detail.canProcess,
		assignees,
		teams: teams.map((t) => ({ id: t.id, name: t.name })),
		otherMunicipalities: municipalities.filter((m) => m.ags !== detail.municipality.ags).map((m) => ({ ags: m.ags, name: m.name })),
		templates: responseTemplates
	};
};

const statusFields = ['status', 'message', 'note', 'forwardEmail'];

export const actions = {
	status: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const data = await request.formData();
		const template = responseTemplates.find((t) => t.id === data.get('template'));
		// without JavaScript a chosen template is the message when none was typed
		if (template && !String(data.get('message') ?? '').trim()) data.set('message', template.text);
		const form = parseForm(statusChangeSchema, data, statusFields);
		if (!form.ok) return fail(400, { action: 'status', values: form.values, errors: form.errors });
		const result = await attempt('status', form.values, () => changeReportStatus(db(), actor, reportId(params.id), form.data, mailContext(url)));
		if (result && 'mailIds' in result) await dispatchMails(result.mailIds);
		return result && 'mailIds' in result ? { action: 'status', saved: true } : result;
	},
	release: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const data = await request.formData();
		const text = String(data.get('publicDescription') ?? '').trim();
		if (text.length > 4000) return fail(400, { action: 'release', values: { publicDescription: text }, errors: { publicDescription: 'report.err.descriptionLong' as const } });
		const photos: Record<number, 'pending' | 'released' | 'rejected'> = {};
		for (const [name, value] of data.entries()) {
			const match = /^photo-(\d{1,10})$/.exec(name);
			if (match && (value === 'pending' || value === 'released' || value === 'rejected')) photos[Number(match[1])] = value;
		}
		const result = await attempt('release', { publicDescription: text }, () =>
			releaseReport(db(), actor, reportId(params.id), { publicDescription: data.get('withhold') === 'on' || !text ? null : text, photos })
		);
		return result === undefined ? { action: 'release', saved: true } : result;
	},
	note: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const text = String((await request.formData()).get('text') ?? '');
		const result = await attempt('note', { text }, () => addReportNote(db(), actor, reportId(params.id), text));
		return result === undefined ? { action: 'note', saved: true } : result;
	},
	assign: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const assignee = String((await request.formData()).get('assignee') ?? '');
		// "team:3" or "person:<uuid>"; empty for nobody
		const [kind, value] = assignee.split(':');
		const to = kind === 'team' && /^\d{1,9}$/.test(value) ? { teamId: Number(value) } : kind === 'person' ? { assigneeId: value } : {};
		const result = await attempt('assign', { assignee }, () => assignReport(db(), actor, reportId(params.id), to));
		return result === undefined ? { action: 'assign', saved: true } : result;
	},
	question: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const text = String((await request.formData()).get('question') ?? '');
		const result = await attempt('question', { question: text }, () => askReporter(db(), actor, reportId(params.id), text, mailContext(url)));
		if (result && 'mailIds' in result) await dispatchMails(result.mailIds);
		return result && 'mailIds' in result ? { action: 'question', saved: true } : result;
	},
	handOver: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const data = await request.formData();
		const values = { municipality: String(data.get('municipality') ?? ''), reason: String(data.get('reason') ?? '').slice(0, 1000) };
		const result = await attempt('handOver', values, () => handOverReport(db(), actor, reportId(params.id), values.municipality, values.reason, mailContext(url)));
		if (result && 'mailIds' in result) await dispatchMails(result.mailIds);
		return result && 'mailIds' in result ? { action: 'handOver', saved: true } : result;
	}
};
