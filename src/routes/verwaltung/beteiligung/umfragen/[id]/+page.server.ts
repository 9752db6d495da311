import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { config } from '#lib/server/config.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import { questionKindLabels, readQuestionForm, type Question } from '#lib/features/participation/surveys.ts';
import { addQuestion, createLinks, getSurveyForManaging, moderateText, moveQuestion, pendingTexts, readSurveyForm, removeQuestion, updateSurvey } from '#lib/features/participation/server/surveys/service.ts';
import { attempt, guard, readParticipationRequest } from '#lib/features/participation/server/web.ts';

/** A survey in the back office: settings, questions (until the first response), one-time links, free texts to approve. */
export const load = async ({ params, locals, url }) => {
	const actor = requireStaff(locals, url);
	const found = await guard(() => getSurveyForManaging(db(), actor, Number(params.id)));
	const s = found.survey;
	const questions = found.questions as Question[];
	return {
		survey: { id: s.id, title: s.title, processId: s.processId, processTitle: found.processTitle },
		values: { title: s.title, intro: s.intro, published: s.published ? 'on' : '', resultsPublic: s.resultsPublic ? 'on' : '', allowLinks: s.allowLinks ? 'on' : '' },
		manage: participationPolicy.manage(actor, found.ownerAgs),
		moderate: participationPolicy.moderate(actor, found.ownerAgs) || participationPolicy.manage(actor, found.ownerAgs),
		questions: questions.map((q) => ({ ...q, kindLabel: questionKindLabels[q.kind], dependsOn: questions.find((p) => p.id === q.dependsOnId)?.prompt ?? null })),
		responses: found.responses,
		links: found.links,
		allowLinks: s.allowLinks,
		pending: await pendingTexts(db(), actor, s.id)
	};
};

const id = (params: { id: string }) => Number(params.id);

export const actions = {
	speichern: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const read = readSurveyForm(values);
		if ('errors' in read) return fail(400, { action: 'save', values, errors: read.errors });
		const outcome = await attempt(values, () => updateSurvey(db(), actor, id(params), read.input), { action: 'save' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'save', saved: true };
	},
	frage: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const found = await guard(() => getSurveyForManaging(db(), actor, id(params)));
		const read = readQuestionForm(values, found.questions as Question[]);
		if ('errors' in read) return fail(400, { action: 'question', values, errors: read.errors });
		const outcome = await attempt(values, () => addQuestion(db(), actor, id(params), read.input), { action: 'question' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'question', saved: true };
	},
	entfernen: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const outcome = await attempt(values, () => removeQuestion(db(), actor, id(params), Number(values.questionId)), { action: 'order' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'order', saved: true };
	},
	verschieben: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const outcome = await attempt(values, () => moveQuestion(db(), actor, id(params), Number(values.questionId), values.direction === 'up' ? 'up' : 'down'), { action: 'order' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'order', saved: true };
	},
	links: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const outcome = await attempt(values, () => createLinks(db(), actor, id(params), Number(values.count), config().ORIGIN ?? url.origin), { action: 'links' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'links', saved: true, created: outcome.result };
	},
	freitext: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const outcome = await attempt(values, () => moderateText(db(), actor, id(params), Number(values.questionId), Number(values.responseId), values.decision === 'approve'), { action: 'text' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'text', saved: true };
	}
};
