import { fail } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { answerQuestion, findQuestion, ReportError } from '#lib/features/reports/server/service.ts';

export const load = async ({ params }) => {
	const question = await findQuestion(db(), params.token);
	return { question: question?.question ?? null, reportId: question?.reportId ?? null };
};

export const actions = {
	default: async ({ params, request, url }) => {
		const answer = String((await request.formData()).get('answer') ?? '');
		try {
			const answered = await answerQuestion(db(), params.token, answer, mailContext(url));
			if (!answered) return fail(400, { invalid: true, values: { answer } });
			await dispatchMails(answered.mailIds);
			return { done: true };
		} catch (e) {
			if (e instanceof ReportError) return fail(400, { values: { answer }, errors: { answer: e.key } });
			throw e;
		}
	}
};
