import { leitbildSearchSource } from '#lib/features/leitbild/server/index.ts';
import { regionSearchSource } from '#lib/features/region/server/index.ts';
import { pagesSearchSource } from '#lib/features/pages/server/index.ts';
import type { SearchSource } from '#lib/features/search/server/registry.ts';
import { purgeExpiredAccountData } from '#lib/features/accounts/server/service.ts';
import { purgeExpiredFeedback } from '#lib/features/feedback/server/service.ts';
import type { JobDefinition } from './jobs/index.ts';
import { mailJob } from './mail/index.ts';
import { log } from './log.ts';

/**
 * The platform's domains and what each contributes to shared mechanisms. A new module adds its
 * line here; search, open data and the route sweep pick it up from this list.
 */
export const searchSources: SearchSource[] = [regionSearchSource, leitbildSearchSource, pagesSearchSource];

/** Nightly: personal data past its retention, expired sessions and one-time links. */
const cleanupJob: JobDefinition = {
	queue: 'nightly-cleanup',
	schedule: '17 3 * * *',
	async run(db) {
		const accounts = await purgeExpiredAccountData(db);
		const feedback = await purgeExpiredFeedback(db);
		log.info({ ...accounts, feedback }, 'nightly clean-up');
	}
};

/** Background jobs of all domains, started with the server. */
export const jobDefinitions = [mailJob, cleanupJob] as JobDefinition<never>[];
