import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { ForbiddenError } from '#lib/server/actor.ts';
import { pick } from '#lib/i18n/localized.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { listActiveCategories } from '#lib/features/reports/server/categories.ts';
import { deleteInboxView, listInbox, listSavedViews, listTeamsFor, ReportError, saveInboxView } from '#lib/features/reports/server/service.ts';
import { reportsPolicy } from '#lib/features/reports/server/policy.ts';
import { openStatuses } from '#lib/features/reports/server/tables.ts';
import { statusesFor } from '#lib/features/reports/server/filters.ts';

const PAGE = 50;
const DAY = 86_400_000;

/** The inbox's filters from the address bar: every view is a link (and can be saved under a name). */
function readFilter(params: URLSearchParams, actorId: string, categories: { id: number; code: string }[]) {
	const status = params.get('status') ?? 'offen';
	const statuses = statusesFor(status);
	const category = categories.find((c) => c.code === params.get('kategorie'));
	const assigned = params.get('zugewiesen');
	const olderDays = /^\d{1,4}$/.test(params.get('aelter') ?? '') ? Number(params.get('aelter')) : undefined;
	const before = /^\d{1,10}$/.test(params.get('vor') ?? '') ? Number(params.get('vor')) : undefined;
	const now = Date.now();
	return {
		filter: {
			municipalityAgs: /^\d{8}$/.test(params.get('kommune') ?? '') ? params.get('kommune')! : undefined,
			statuses,
			categoryId: category?.id,
			assignee: assigned === 'mir' ? actorId : assigned === 'niemand' ? null : undefined,
			teamId: /^\d{1,9}$/.test(params.get('team') ?? '') ? Number(params.get('team')) : undefined,
			overdueBefore: params.get('ueberfaellig') === '1' ? new Date(now - config().REPORT_ESCALATION_DAYS * DAY) : undefined,
			to: olderDays !== undefined ? new Date(now - olderDays * DAY) : undefined,
			oldestFirst: params.get('sortierung') === 'alt',
			beforeId: before,
			limit: PAGE
		},
		chosen: {
			kommune: params.get('kommune') ?? '',
			status: statuses ? status : 'alle',
			kategorie: category?.code ?? '',
			zugewiesen: assigned === 'mir' || assigned === 'niemand' ? assigned : '',
			team: /^\d{1,9}$/.test(params.get('team') ?? '') ? params.get('team')! : '',
			ueberfaellig: params.get('ueberfaellig') === '1' ? '1' : '',
			aelter: olderDays !== undefined ? String(olderDays) : '',
			sortierung: params.get('sortierung') === 'alt' ? 'alt' : ''
		}
	};
}

const inboxOnly = 'Anliegen bearbeiten nur Mitarbeitende einer Kommune.';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const categories = await listActiveCategories(db());
	const { filter, chosen } = readFilter(url.searchParams, actor.id, categories.map((c) => c.category));
	try {
		const [inbox, views, teams] = await Promise.all([listInbox(db(), actor, filter), listSavedViews(db(), actor), listTeamsFor(db(), actor, reportsPolicy.inboxMunicipalities(actor))]);
		const query = new URLSearchParams(Object.entries(chosen).filter(([, v]) => v));
		const escalation = Date.now() - config().REPORT_ESCALATION_DAYS * DAY;
		return {
			reports: inbox.items.map((r) => ({
				id: r.id,
				createdAt: r.createdAt.toISOString(),
				category: pick(r.category.name, 'de').text,
				municipality: r.municipality.name,
				place: [r.district, r.address].filter(Boolean).join(', '),
				status: r.status,
				assignee: [r.team, r.assignee].filter(Boolean).join(' / ') || null,
				overdue: !r.firstResponseAt && openStatuses.includes(r.status) && r.createdAt.getTime() < escalation,
				excerpt: r.description.slice(0, 140)
			})),
			next: inbox.nextBeforeId ? `?${new URLSearchParams([...query, ['vor', String(inbox.nextBeforeId)]])}` : null,
			query: query.toString(),
			chosen,
			municipalities: inbox.municipalities,
			categories: categories.map((c) => ({ code: c.category.code, name: pick(c.category.name, 'de').text })),
			teams: teams.map((t) => ({ id: String(t.id), name: t.name, municipality: inbox.municipalities.find((m) => m.id === t.municipalityId)?.name ?? '' })),
			views: views.map((v) => ({ id: v.id, name: v.name, query: v.query })),
			escalationDays: config().REPORT_ESCALATION_DAYS
		};
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, inboxOnly);
		throw e;
	}
};

export const actions = {
	saveView: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		const query = String(form.get('query') ?? '');
		try {
			await saveInboxView(db(), actor, name, query);
		} catch (e) {
			if (e instanceof ReportError) return fail(400, { action: 'saveView', values: { name }, errors: { name: e.key } });
			if (e instanceof ForbiddenError) error(403, inboxOnly);
			throw e;
		}
		redirect(303, `/verwaltung/anliegen?${query}`);
	},
	deleteView: async ({ locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const id = Number((await request.formData()).get('id'));
		try {
			if (Number.isSafeInteger(id)) await deleteInboxView(db(), actor, id);
		} catch (e) {
			if (e instanceof ForbiddenError) error(403, inboxOnly);
			throw e;
		}
		redirect(303, '/verwaltung/anliegen');
	}
};
