import { error, fail, redirect } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { requireStaff, mailContext } from '#lib/features/accounts/server/web.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { ideaStatuses, type IdeaStatus } from '#lib/features/participation/phases.ts';
import { readAnswerForm, readProcessForm } from '#lib/features/participation/schemas.ts';
import { participationPolicy } from '#lib/features/participation/server/policy.ts';
import * as queries from '#lib/features/participation/server/queries.ts';
import { answerIdea, getProcessForManaging, updateProcess } from '#lib/features/participation/server/service.ts';
import { surveysOf } from '#lib/features/participation/server/surveys/queries.ts';
import { createSurvey, readSurveyForm } from '#lib/features/participation/server/surveys/service.ts';
import { attempt, guard, presentProcess, processChoices, processFormValues, readParticipationRequest } from '#lib/features/participation/server/web.ts';

const PAGE = 50;

/** A process in the back office: its settings (editors) and its ideas with the official answers (staff). */
export const load = async ({ params, locals, url }) => {
	const actor = requireStaff(locals, url);
	const found = await guard(() => getProcessForManaging(db(), actor, Number(params.id)));
	const owner = found.process.ownerAgs;
	const status = (ideaStatuses as readonly string[]).includes(url.searchParams.get('stand') ?? '') ? (url.searchParams.get('stand') as IdeaStatus) : undefined;
	const beforeId = Number(url.searchParams.get('vor')) || undefined;
	const ideas = await queries.listIdeasForStaff(db(), found.process.id, status, PAGE + 1, beforeId);
	const manage = participationPolicy.manage(actor, owner);
	return {
		process: presentProcess({ process: found.process, ownerName: found.ownerName }, found.phases),
		manage,
		answer: participationPolicy.answer(actor, owner),
		values: processFormValues(found.process, found.phases, found.links),
		choices: manage ? await processChoices(db(), actor) : null,
		measures: await queries.measureTitles(db()),
		surveys: (await surveysOf(db(), found.process.id, false)).map((s) => ({ id: s.survey.id, title: s.survey.title, published: s.survey.published, responses: s.responses })),
		ideas: ideas.slice(0, PAGE).map((i) => ({ ...i, hidden: Boolean(i.hiddenAt), created: i.createdAt.toISOString().slice(0, 10) })),
		stand: status ?? '',
		next: ideas.length > PAGE ? `?${status ? `stand=${status}&` : ''}vor=${ideas[PAGE - 1].id}#ideen` : null
	};
};

export const actions = {
	speichern: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const read = readProcessForm(values);
		if ('errors' in read) return fail(400, { action: 'save', values, errors: read.errors });
		const outcome = await attempt(values, () => updateProcess(db(), actor, Number(params.id), read.input), { action: 'save' });
		if (!outcome.ok) return outcome.failure;
		return { action: 'save', saved: true };
	},
	umfrage: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const read = readSurveyForm({ ...values, intro: '' });
		if ('errors' in read) return fail(400, { action: 'survey', values, errors: read.errors, message: read.errors.title });
		const outcome = await attempt(values, () => createSurvey(db(), actor, Number(params.id), read.input), { action: 'survey' });
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/verwaltung/beteiligung/umfragen/${outcome.result}`);
	},
	antworten: async ({ params, locals, url, request }) => {
		const actor = requireStaff(locals, url);
		const { values } = await readParticipationRequest(request);
		const target = values.ideaId ?? '';
		const read = readAnswerForm(values);
		if ('errors' in read) return fail(400, { action: 'answer', target, values, errors: read.errors, message: Object.values(read.errors)[0] });
		const found = await queries.findIdea(db(), Number(values.ideaId));
		if (!found || found.idea.processId !== Number(params.id)) error(404, 'Diese Idee gibt es in diesem Verfahren nicht.');
		const outcome = await attempt(values, () => answerIdea(db(), actor, found.idea.id, read.input, mailContext(url)), { action: 'answer', target });
		if (!outcome.ok) return outcome.failure;
		await dispatchMails(outcome.result);
		return { action: 'answer', target, saved: true };
	}
};
