import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { renderMarkdown } from '#lib/server/markdown.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { readCommentBody, readReason } from '#lib/features/participation/schemas.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import * as queries from '#lib/features/participation/server/queries.ts';
import { commentOnIdea, editComment, flagContent, getIdea, hideContent, restoreContent, supportIdea, withdrawSupport } from '#lib/features/participation/server/service.ts';
import { attempt, guard, longDate, participationNow, presentIdeaPage, readParticipationRequest, TOO_MANY, withinParticipationLimit } from '#lib/features/participation/server/web.ts';

const COMMENTS = 50;

/** An idea: text, place, official answer, supports and the discussion; public to guests. */
export const load = async ({ params, url, locals }) => {
	const actor = locals.actor;
	const found = await guard(() => getIdea(db(), actor, Number(params.id)));
	const owner = found.process.process.ownerAgs;
	const moderator = participationPolicy.moderate(actor, owner);
	const afterId = Number(url.searchParams.get('kommentare')) || undefined;
	const { top, replies } = await queries.listComments(db(), found.idea.id, COMMENTS + 1, afterId);
	const present = (c: (typeof top)[number]) => ({
		id: c.comment.id,
		author: c.authorName ?? 'ehemaliges Konto',
		mine: Boolean(actor.id && c.comment.authorId === actor.id),
		created: longDate(c.comment.createdAt),
		createdAt: c.comment.createdAt.toISOString(),
		edited: c.comment.editedAt ? longDate(c.comment.editedAt) : null,
		hidden: c.comment.hiddenAt ? { reason: c.comment.hiddenReason ?? '' } : null,
		// hidden text only for moderators; everyone else sees the reason
		html: c.comment.hiddenAt && !moderator ? '' : renderMarkdown(c.comment.body),
		body: c.comment.authorId === actor.id && !c.comment.hiddenAt ? c.comment.body : ''
	});
	const shown = top.slice(0, COMMENTS);
	const can = participationNow(actor, found.process.phases);
	const idea = presentIdeaPage(found);
	return {
		idea: { ...idea, html: found.idea.hiddenAt && moderator ? renderMarkdown(found.idea.body) : idea.html },
		process: { id: found.process.process.id, title: found.process.process.title },
		can,
		mine: Boolean(actor.id && found.idea.authorId === actor.id),
		editable: Boolean(actor.id && found.idea.authorId === actor.id && can.submit && found.idea.status === 'submitted' && !found.idea.hiddenAt),
		supported: actor.id ? (await queries.supportedIdeas(db(), actor.id, [found.idea.id])).has(found.idea.id) : false,
		moderator,
		answerer: participationPolicy.answer(actor, owner),
		comments: shown.map((c) => {
			const own = replies.filter((r) => r.comment.parentId === c.comment.id);
			return { ...present(c), replies: own.map(present), moreReplies: (own[0]?.total ?? 0) - own.length };
		}),
		nextComments: top.length > COMMENTS ? `?kommentare=${shown.at(-1)!.comment.id}#diskussion` : null,
		map: idea.point ? mapConfig(await regionQueries.boundaryAttributions(db())) : null,
		signIn: `/anmelden?weiter=${encodeURIComponent(url.pathname)}`
	};
};

const ideaId = (params: { id: string }) => Number(params.id);

export const actions = {
	unterstuetzen: async ({ params, locals, url, getClientAddress }) => {
		const actor = requireUser(locals, url);
		if (!(await withinParticipationLimit(db(), 'support', actor, getClientAddress()))) return fail(429, { action: 'support', message: TOO_MANY });
		const outcome = await attempt({}, () => supportIdea(db(), actor, ideaId(params)), { action: 'support' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'support', saved: true };
	},
	zuruecknehmen: async ({ params, locals, url, getClientAddress }) => {
		const actor = requireUser(locals, url);
		if (!(await withinParticipationLimit(db(), 'support', actor, getClientAddress()))) return fail(429, { action: 'support', message: TOO_MANY });
		const outcome = await attempt({}, () => withdrawSupport(db(), actor, ideaId(params)), { action: 'support' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'support', saved: true };
	},
	kommentieren: async ({ params, locals, url, request, getClientAddress }) => {
		const actor = requireUser(locals, url);
		const { values } = await readParticipationRequest(request);
		const target = values.parentId ? `reply-${values.parentId}` : 'new';
		const read = readCommentBody(values);
		if ('errors' in read) return fail(400, { action: 'comment', target, values, errors: read.errors, message: read.errors.body });
		if (!(await withinParticipationLimit(db(), 'comment', actor, getClientAddress()))) return fail(429, { action: 'comment', target, values, message: TOO_MANY });
		const parentId = /^\d+$/.test(values.parentId ?? '') ? Number(values.parentId) : null;
		const outcome = await attempt(values, () => commentOnIdea(db(), actor, ideaId(params), read.input, parentId), { action: 'comment', target });
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/beteiligung/ideen/${params.id}?kommentiert=1#kommentar-${outcome.result}`);
	},
	kommentarAendern: async ({ locals, url, request }) => {
		const actor = requireUser(locals, url);
		const { values } = await readParticipationRequest(request);
		const target = `edit-${values.commentId}`;
		const read = readCommentBody(values);
		if ('errors' in read) return fail(400, { action: 'comment', target, values, errors: read.errors, message: read.errors.body });
		const outcome = await attempt(values, () => editComment(db(), actor, Number(values.commentId), read.input), { action: 'comment', target });
		if (!outcome.ok) return outcome.failure;
		return { action: 'comment', target, saved: true };
	},
	melden: async ({ locals, request, getClientAddress }) => {
		const actor = locals.actor;
		const { values } = await readParticipationRequest(request);
		const kind = values.kind === 'comment' ? 'comment' : 'idea';
		const target = `${kind}-${values.targetId}`;
		const read = readReason(values, 3);
		if ('errors' in read) return fail(400, { action: 'flag', target, values, errors: read.errors, message: read.errors.reason });
		if (!(await withinParticipationLimit(db(), 'flag', actor, getClientAddress()))) return fail(429, { action: 'flag', target, values, message: TOO_MANY });
		const outcome = await attempt(values, () => flagContent(db(), actor, kind, Number(values.targetId), read.input), { action: 'flag', target });
		if (!outcome.ok) return outcome.failure;
		return { action: 'flag', target, saved: true };
	},
	ausblenden: async ({ locals, url, request }) => {
		const actor = requireUser(locals, url);
		const { values } = await readParticipationRequest(request);
		const kind = values.kind === 'comment' ? 'comment' : 'idea';
		const target = `${kind}-${values.targetId}`;
		const read = readReason(values);
		if ('errors' in read) return fail(400, { action: 'hide', target, values, errors: read.errors, message: read.errors.reason });
		const outcome = await attempt(values, () => hideContent(db(), actor, kind, Number(values.targetId), read.input), { action: 'hide', target });
		if (!outcome.ok) return outcome.failure;
		return { action: 'hide', target, saved: true };
	},
	einblenden: async ({ locals, url, request }) => {
		const actor = requireUser(locals, url);
		const { values } = await readParticipationRequest(request);
		const kind = values.kind === 'comment' ? 'comment' : 'idea';
		const outcome = await attempt(values, () => restoreContent(db(), actor, kind, Number(values.targetId)), { action: 'restore' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'restore', target: `${kind}-${values.targetId}`, saved: true };
	}
};
