import { error, fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { revokeRole } from '#lib/features/accounts/server/service.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';
import { listOrganisers, nameOrganiser, EventError } from '#lib/features/events/server/service.ts';
import { listForReview } from '#lib/features/events/server/queries.ts';
import { addSource, importSource, listSources, removeSource } from '#lib/features/events/server/import.ts';
import { importOptions } from '#lib/features/events/server/web.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
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
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name })),
		sources: (await listSources(db(), actor)).map((x) => ({
			id: x.id,
			name: x.name,
			url: x.url,
			municipalityName: x.municipalityName,
			lastFetchedAt: x.lastFetchedAt?.toISOString() ?? null,
			lastStatus: x.lastStatus,
			lastMessage: x.lastMessage,
			eventCount: x.eventCount
		}))
	};
};

/** The source actions: German messages for refusals, 404/403 otherwise. */
async function sourceAction(name: string, values: Record<string, string>, run: () => Promise<unknown>) {
	try {
		const result = await run();
		return { action: name, saved: true, result: result && typeof result === 'object' && 'ok' in result ? result : null };
	} catch (e) {
		if (e instanceof EventError) return fail(400, { action: name, values, message: e.message });
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		if (e instanceof ForbiddenError) error(403, 'Kalender abonniert die Redaktion der jeweiligen Kommune.');
		throw e;
	}
}

export const actions = {
	addSource: async ({ locals, url, request }) => {
		const actor = requireEditor(locals, url);
		const data = await request.formData();
		const values = { url: String(data.get('url') ?? '').slice(0, 1000), name: String(data.get('name') ?? '').slice(0, 200), municipalityAgs: String(data.get('municipalityAgs') ?? ''), category: String(data.get('category') ?? '') };
		return sourceAction('addSource', values, async () => {
			const source = await addSource(db(), actor, values);
			// the first import right away, so the editor sees at once whether it works
			const outcome = await importSource(db(), source.id, importOptions(), mailContext(url), actor);
			await dispatchMails(outcome.mailIds);
			return outcome;
		});
	},
	fetchSource: async ({ locals, url, request }) => {
		const actor = requireEditor(locals, url);
		const id = Number((await request.formData()).get('source'));
		return sourceAction('fetchSource', {}, async () => {
			const outcome = await importSource(db(), Number.isSafeInteger(id) ? id : -1, importOptions(), mailContext(url), actor);
			await dispatchMails(outcome.mailIds);
			return outcome;
		});
	},
	removeSource: async ({ locals, url, request }) => {
		const actor = requireEditor(locals, url);
		const id = Number((await request.formData()).get('source'));
		return sourceAction('removeSource', {}, () => removeSource(db(), actor, Number.isSafeInteger(id) ? id : -1));
	},
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
