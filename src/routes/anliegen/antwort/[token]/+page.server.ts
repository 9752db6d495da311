import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { answerQuestion, findQuestion, ReportError } from '#lib/features/reports/server/service.ts';

export const load = async ({ params }) => {
	const question = await findQuestion(db(), params.token);
	return { question: question?.question ?? null, reportId: question?.reportId ?? null };
};

export const actions = {
	default: async ({ params, request }) => {
		const answer = String((await request.formData()).get('answer') ?? '');
		try {
			const reportId = await answerQuestion(db(), params.token, answer);
			if (!reportId) return fail(400, { invalid: true, values: { answer } });
			return { done: true };
		} catch (e) {
			if (e instanceof ReportError) return fail(400, { values: { answer }, errors: { answer: e.key } });
			throw e;
		}
	}
};
