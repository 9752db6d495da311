import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { getMeasure, listMeasureUpdates, measureChoices, ownShare } from '#lib/features/cooperation/server/service.ts';

/** Everything public about one measure (an internal one only for those taking part). */
export const load = async ({ params, locals, url }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1;
	let m;
	try {
		m = await getMeasure(db(), locals.actor, id);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden');
		throw e;
	}
	const choices = await measureChoices(db());
	const names = new Map(choices.municipalities.map((c) => [c.ags, c.name]));
	const before = Number(url.searchParams.get('vor') ?? '');
	const updates = Number.isSafeInteger(before) && before > 0 ? await listMeasureUpdates(db(), locals.actor, id, before, 51) : [...m.updates, ...(m.moreUpdates ? [null] : [])];
	const shown = updates.filter((u) => u !== null).slice(0, 50);
	return {
		id,
		canEdit: m.canEdit || m.canAddUpdate,
		measure: {
			title: m.measure.title,
			description: m.measure.description,
			status: m.measure.status,
			isPublic: m.measure.isPublic,
			lighthouse: m.measure.lighthouse,
			startOn: m.measure.startOn,
			endOn: m.measure.endOn,
			progress: m.progress,
			manual: m.measure.manualProgress !== null,
			progressReason: m.measure.progressReason,
			contact: m.measure.contact,
			costKey: m.measure.costKey,
			budgetCents: m.budgetCents,
			actualCents: m.actualCents,
			updatedAt: m.measure.updatedAt.toISOString()
		},
		lead: { ags: m.measure.leadAgs, name: names.get(m.measure.leadAgs) ?? m.measure.leadAgs, slug: choices.municipalities.find((c) => c.ags === m.measure.leadAgs)?.slug },
		participants: m.scope.participants.map((ags) => ({ ags, name: names.get(ags) ?? ags, slug: choices.municipalities.find((c) => c.ags === ags)?.slug })),
		fields: m.links.fields.map((f) => ({ number: f.number, title: f.title })),
		goals: m.links.goals.map((g) => ({ number: g.number, shortTitle: g.shortTitle })),
		milestones: m.milestones,
		costs: m.costs,
		costShares: m.costShares.map((s) => ({ ...s, name: names.get(s.municipality) ?? s.municipality })),
		applications: m.applications.map((a) => ({
			id: a.application.id,
			programme: a.programmeName,
			funder: a.funder,
			status: a.application.status,
			requestedCents: a.application.requestedCents,
			grantedCents: a.application.grantedCents,
			ownShareCents: ownShare(a.application, m.measure.costKey).totalCents
		})),
		indicators: m.indicators,
		attachments: m.attachments.map((a) => ({ id: a.id, title: a.title, mediaType: a.mediaType, byteSize: a.byteSize })),
		related: m.related,
		updates: shown.map((u) => ({ id: u.id, text: u.text, municipality: u.municipalityName, createdAt: u.createdAt.toISOString() })),
		olderUpdates: updates.length > 50 ? `?vor=${shown[shown.length - 1].id}#neuigkeiten` : null
	};
};
