import { db } from '#lib/server/runtime.ts';
import { getSurveyResults } from '#lib/features/participation/server/surveys/service.ts';
import { guard } from '#lib/features/participation/server/web.ts';

/** Results as tables with bars; public when the process shows them, always for its staff. */
export const load = async ({ params, locals }) => {
	const found = await guard(() => getSurveyResults(db(), locals.actor, Number(params.id)));
	return { survey: { id: found.survey.id, title: found.survey.title, resultsPublic: found.survey.resultsPublic }, process: { id: found.survey.processId, title: found.processTitle }, results: found.results, staff: found.staff };
};
