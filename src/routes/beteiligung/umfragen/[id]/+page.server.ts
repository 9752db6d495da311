import { fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { renderMarkdown } from '#lib/server/markdown.ts';
import { requireUser } from '#lib/features/accounts/server/web.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import { answerFormValues, conditionText, readAnswers, type Question } from '#lib/features/participation/surveys.ts';
import * as queries from '#lib/features/participation/server/surveys/queries.ts';
import { getSurvey, linkState, respond, respondWithLink } from '#lib/features/participation/server/surveys/service.ts';
import { attempt, guard, readParticipationRequest, TOO_MANY, withinParticipationLimit } from '#lib/features/participation/server/web.ts';

/** A survey: signed-in people answer (and change their answers while it runs); a one-time link answers without an account. */
export const load = async ({ params, url, locals }) => {
	const actor = locals.actor;
	const found = await guard(() => getSurvey(db(), actor, Number(params.id)));
	const link = url.searchParams.get('link') ?? '';
	const questions = found.questions as Question[];
	const byId = new Map(questions.map((q) => [q.id, q]));
	let values: Record<string, string> = {};
	let answered = false;
	if (actor.id && !link) {
		const response = await queries.findResponseOf(db(), found.survey.id, actor.id);
		if (response) {
			answered = true;
			const answers = await queries.answersOf(db(), response.id);
			for (const q of questions) if (answers.has(q.id)) values = { ...values, ...answerFormValues(q, answers.get(q.id)!) };
		}
	}
	return {
		survey: { id: found.survey.id, title: found.survey.title, introHtml: renderMarkdown(found.survey.intro), resultsPublic: found.survey.resultsPublic, allowLinks: found.survey.allowLinks, published: found.survey.published },
		process: { id: found.survey.processId, title: found.processTitle },
		questions: questions.map((q) => ({ question: q, condition: conditionText(q, byId) })),
		open: found.open,
		staff: found.staff,
		link: link && found.survey.allowLinks ? { token: link, state: await linkState(db(), found.survey.id, link) } : null,
		signedIn: actor.kind === 'user',
		canParticipate: participationPolicy.participate(actor),
		answered,
		values,
		signIn: `/anmelden?weiter=${encodeURIComponent(url.pathname)}`
	};
};

export const actions = {
	default: async ({ params, locals, url, request, getClientAddress }) => {
		const actor = locals.actor;
		const found = await guard(() => getSurvey(db(), actor, Number(params.id)));
		const { values } = await readParticipationRequest(request);
		const read = readAnswers(found.questions as Question[], values);
		if ('errors' in read) return fail(400, { values, errors: read.errors });
		const token = values.link ?? '';
		if (!token) requireUser(locals, url);
		if (!(await withinParticipationLimit(db(), 'survey', actor, getClientAddress()))) return fail(429, { values, errors: { survey: TOO_MANY } });
		const outcome = await attempt(values, () => (token ? respondWithLink(db(), found.survey.id, token, read.answers) : respond(db(), actor, found.survey.id, read.answers)));
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/beteiligung/umfragen/${found.survey.id}/danke${token ? '?ohne-konto=1' : ''}`);
	}
};
