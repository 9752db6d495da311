import { db } from '#lib/server/runtime.ts';
import { getSurvey } from '#lib/features/participation/server/surveys/service.ts';
import { guard } from '#lib/features/participation/server/web.ts';

export const load = async ({ params, url, locals }) => {
	const found = await guard(() => getSurvey(db(), locals.actor, Number(params.id)));
	return { survey: { id: found.survey.id, title: found.survey.title, resultsPublic: found.survey.resultsPublic }, process: { id: found.survey.processId, title: found.processTitle }, anonymous: url.searchParams.has('ohne-konto') };
};
