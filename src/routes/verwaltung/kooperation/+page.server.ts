import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { cooperationPolicy } from '#lib/features/cooperation/server/policy.ts';
import { listMeasuresByUpdate, measureChoices, measuresToFund, visibilityFor } from '#lib/features/cooperation/server/service.ts';
import { measureStatuses, type MeasureStatus } from '#lib/features/cooperation/server/tables.ts';

const PAGE = 25;

/** All measures the person may see (internal ones of their municipalities included), newest change first. */
export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	const leads = cooperationPolicy.leadChoices(actor);
	if (leads !== 'all' && !leads.length) error(403, 'Die gemeinsamen Maßnahmen pflegen die Koordinierungsstelle und die Mitarbeitenden der Kommunen.');
	const status = url.searchParams.get('status') ?? '';
	const field = Number(url.searchParams.get('feld') ?? '');
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const before = /^(\d{4}-[\d\-T:.]+Z)_(\d+)$/.exec(url.searchParams.get('vor') ?? '');
	const filter = {
		visibility: visibilityFor(actor),
		status: (measureStatuses as readonly string[]).includes(status) ? (status as MeasureStatus) : undefined,
		actionField: Number.isInteger(field) && field > 0 ? field : undefined,
		q: q || undefined
	};
	const rows = await listMeasuresByUpdate(db(), { ...filter, before: before ? { at: new Date(before[1]), id: Number(before[2]) } : undefined, limit: PAGE + 1 });
	const page = rows.slice(0, PAGE);
	const last = page.at(-1);
	const choices = await measureChoices(db());
	const names = new Map(choices.municipalities.map((m) => [m.ags, m.name]));
	const next = new URL(url);
	if (last) next.searchParams.set('vor', `${last.measure.updatedAt.toISOString()}_${last.measure.id}`);
	return {
		measures: page.map((r) => ({
			id: r.measure.id,
			title: r.measure.title,
			lead: names.get(r.measure.leadAgs) ?? r.measure.leadAgs,
			status: r.measure.status,
			progress: r.progress,
			isPublic: r.measure.isPublic,
			lighthouse: r.measure.lighthouse,
			updatedAt: r.measure.updatedAt.toISOString()
		})),
		next: rows.length > PAGE ? next.pathname + next.search : null,
		paged: Boolean(before),
		filter: { status, feld: filter.actionField ? String(filter.actionField) : '', q },
		fields: choices.fields.map((f) => ({ number: f.number, title: f.title.de })),
		canManageProgrammes: cooperationPolicy.manageProgrammes(actor),
		toFund: await measuresToFund(db(), { visibility: visibilityFor(actor) }, 10)
	};
};
