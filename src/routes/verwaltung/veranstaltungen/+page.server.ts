import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { revokeRole } from '#lib/features/accounts/server/service.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { listOrganisers, nameOrganiser, EventError } from '#lib/features/events/server/service.ts';
import { listForReview } from '#lib/features/events/server/queries.ts';
import { listMunicipalities } from '#lib/features/region/server/queries.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { eventStatuses, type EventStatus } from '#lib/features/events/server/tables.ts';

function requireEditor(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals, url);
	if (!eventsPolicy.enterBackOffice(actor)) error(403, 'Den Veranstaltungskalender pflegen die Redaktionen der Kommunen.');
	return actor;
}

/** The calendar's back office: submissions to review first, then the municipality's events; its organisers. */
export const load = async ({ locals, url }) => {
	const actor = requireEditor(locals, url);
	const scope = eventsPolicy.publishable(actor);
	const status = (eventStatuses as readonly string[]).includes(url.searchParams.get('status') ?? '') ? (url.searchParams.get('status') as EventStatus) : undefined;
	const before = Number(url.searchParams.get('vor') ?? '');
	const rows = await listForReview(db(), { ags: scope, status, limit: 51, before: Number.isSafeInteger(before) && before > 0 ? before : undefined });
	const municipalities = (await listMunicipalities(db())).filter((m) => scope === 'all' || scope.includes(m.ags));
	return {
		status: status ?? '',
		events: rows.slice(0, 50).map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
		next: rows.length > 50 ? `?${new URLSearchParams([...(status ? [['status', status]] : []), ['vor', String(rows[49].id)]])}` : null,
		organisers: (await listOrganisers(db(), actor)).map((o) => ({ grantId: o.grantId, displayName: o.displayName, email: o.email, municipalityName: o.municipalityName })),
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name }))
	};
};

export const actions = {
	organiser: async ({ locals, url, request }) => {
		const actor = requireEditor(locals, url);
		const data = await request.formData();
		const values = { email: String(data.get('email') ?? '').slice(0, 200), municipalityAgs: String(data.get('municipalityAgs') ?? '') };
		if (!/^\S+@\S+\.\S+$/.test(values.email)) return fail(400, { action: 'organiser', values, message: 'Bitte geben Sie die E-Mail-Adresse des Vereinskontos an.' });
		try {
			await nameOrganiser(db(), actor, values);
		} catch (e) {
			if (e instanceof EventError) return fail(400, { action: 'organiser', values, message: e.message });
			if (e instanceof ForbiddenError) error(403, 'Veranstalter benennt die Redaktion der jeweiligen Kommune.');
			throw e;
		}
		return { action: 'organiser', saved: true };
	},
	revoke: async ({ locals, url, request }) => {
		const actor = requireEditor(locals, url);
		const id = Number((await request.formData()).get('grant'));
		try {
			await revokeRole(db(), actor, Number.isSafeInteger(id) ? id : -1);
		} catch (e) {
			if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
			if (e instanceof ForbiddenError) error(403, 'Veranstalter benennt die Redaktion der jeweiligen Kommune.');
			throw e;
		}
		return { action: 'revoke', saved: true };
	}
};
