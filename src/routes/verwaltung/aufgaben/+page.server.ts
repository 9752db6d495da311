import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { jobQueries } from '#lib/server/jobs/index.ts';
import { requireStaff } from '#lib/features/accounts/server/web.ts';
import { accountsPolicy } from '#lib/features/accounts/server/policy.ts';

export const load = async ({ locals, url }) => {
	const actor = requireStaff(locals, url);
	if (!accountsPolicy.readJobs(actor)) error(403, 'Hintergrundaufgaben sehen nur Administratoren der Plattform.');
	const jobs = await jobQueries.listTroubledJobs(db());
	return {
		jobs: jobs.map((j) => ({ ...j, output: j.output && typeof j.output === 'object' && 'message' in j.output ? String(j.output.message) : j.output ? JSON.stringify(j.output).slice(0, 300) : '' }))
	};
};
