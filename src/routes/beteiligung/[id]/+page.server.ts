import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { renderMarkdown } from '#lib/server/markdown.ts';
import { ideaStatuses, type IdeaStatus } from '#lib/features/participation/phases.ts';
import * as queries from '#lib/features/participation/server/queries.ts';
import { getProcess } from '#lib/features/participation/server/service.ts';
import { surveysOf } from '#lib/features/participation/server/surveys/queries.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import { guard, participationNow, presentIdea, presentProcess } from '#lib/features/participation/server/web.ts';

const PAGE = 20;
const sorts = { neu: 'new', unterstuetzt: 'supports', diskutiert: 'comments' } as const;

/** A process: its phases, what one can do now, the ideas (sorted, filtered, keyset pages) and the outcome. */
export const load = async ({ params, url, locals }) => {
	const actor = locals.actor;
	const { process, ownerName, phases, links } = await guard(() => getProcess(db(), actor, Number(params.id)));
	const now = new Date();
	const sortParam = (url.searchParams.get('sortierung') ?? 'neu') as keyof typeof sorts;
	const sort = sorts[sortParam] ?? 'new';
	const category = process.ideaCategories.includes(url.searchParams.get('kategorie') ?? '') ? url.searchParams.get('kategorie')! : undefined;
	const status = (ideaStatuses as readonly string[]).includes(url.searchParams.get('stand') ?? '') ? (url.searchParams.get('stand') as IdeaStatus) : undefined;
	const cursor = /^([\dT:.Z-]+)_(\d+)$/.exec(url.searchParams.get('nach') ?? '');
	const after = cursor ? { key: sort === 'new' ? new Date(cursor[1]) : Number(cursor[1]), id: Number(cursor[2]) } : undefined;
	const validAfter = after && !(after.key instanceof Date ? Number.isNaN(after.key.getTime()) : !Number.isFinite(after.key)) ? after : undefined;
	const rows = await queries.listIdeas(db(), process.id, { category, status }, sort, PAGE + 1, validAfter);
	const ideas = rows.slice(0, PAGE).map(presentIdea);
	const selection = [sortParam !== 'neu' && sorts[sortParam] ? `sortierung=${sortParam}` : '', category ? `kategorie=${encodeURIComponent(category)}` : '', status ? `stand=${status}` : ''].filter(Boolean).join('&');
	const last = rows[PAGE - 1]?.idea;
	const nextKey = last ? (sort === 'supports' ? last.supportCount : sort === 'comments' ? last.commentCount : last.createdAt.toISOString()) : null;
	const can = participationNow(actor, phases, now);
	const supported = actor.id && can.support ? await queries.supportedIdeas(db(), actor.id, ideas.map((i) => i.id)) : new Set<number>();
	const located = (await queries.ideaPoints(db(), process.id, 1)).length > 0;
	return {
		process: { ...presentProcess({ process, ownerName }, phases, now), html: renderMarkdown(process.description), resultHtml: process.resultText ? renderMarkdown(process.resultText) : null, municipalities: process.municipalities, categories: process.ideaCategories, pointsBudget: process.pointsBudget },
		links,
		can,
		surveys: (await surveysOf(db(), process.id, !participationPolicy.manage(actor, process.ownerAgs))).map((s) => ({ id: s.survey.id, title: s.survey.title, published: s.survey.published, resultsPublic: s.survey.resultsPublic })),
		ideas: ideas.map((i) => ({ ...i, supported: supported.has(i.id) })),
		filter: { sortierung: sorts[sortParam] ? sortParam : 'neu', kategorie: category ?? '', stand: status ?? '' },
		selection,
		next: rows.length > PAGE && nextKey !== null ? `?${[selection, `nach=${nextKey}_${last!.id}`].filter(Boolean).join('&')}#ideen` : null,
		paged: Boolean(validAfter),
		points: can.pointsVisible ? await queries.pointTotals(db(), process.id) : null,
		map: located ? mapConfig(await regionQueries.boundaryAttributions(db())) : null
	};
};
