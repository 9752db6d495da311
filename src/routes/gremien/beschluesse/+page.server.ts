import { db } from '#lib/server/runtime.ts';
import { listBodies, listPublicDecisions } from '#lib/features/bodies/server/service.ts';
import { municipalityNamesOf } from '#lib/features/region/server/queries.ts';
import { readMunicipalityChoice } from '#lib/features/region/server/choice.ts';
import { presentDecision } from '#lib/features/bodies/server/presenter.ts';
import { readDecisionFilter } from '#lib/features/bodies/filters.ts';

const PAGE = 20;

/** Decisions in force on public items, newest meeting first, with filters and keyset pages. */
export const load = async ({ url }) => {
	const { municipality, choice } = await readMunicipalityChoice(db(), url.searchParams.get('kommune'));
	const { filter, query, year, stimme } = readDecisionFilter(url, municipality);
	const cursor = /^(\d{4}-[\dT:.-]+Z)_(\d+)$/.exec(url.searchParams.get('vor') ?? '');
	const rows = await listPublicDecisions(db(), filter, PAGE + 1, cursor ? { at: new Date(cursor[1]), id: Number(cursor[2]) } : undefined);
	const page = rows.slice(0, PAGE);
	const names = new Map((await municipalityNamesOf(db(), page.flatMap((r) => r.decision.votes.map((v) => v.municipality)))).map((x) => [x.ags, x.name]));
	const last = page.at(-1);
	const next = new URLSearchParams(query);
	if (last) next.set('vor', `${last.meeting.startsAt.toISOString()}_${last.decision.id}`);
	return {
		bodies: (await listBodies(db())).map((b) => ({ id: b.id, name: b.name })),
		municipality: choice,
		filter: { gremium: filter.bodyId ? String(filter.bodyId) : '', ergebnis: filter.result ?? '', jahr: year, stimme, query },
		decisions: page.map((r) => ({
			...presentDecision(r.decision, names),
			meeting: { id: r.meeting.id, startsAt: r.meeting.startsAt.toISOString() },
			body: r.bodyName,
			item: { id: r.item.id, number: r.item.number, title: r.item.title },
			paper: r.paperId ? { id: r.paperId, reference: r.paperReference } : null
		})),
		next: rows.length > PAGE ? `?${next}` : null,
		paged: Boolean(cursor)
	};
};
