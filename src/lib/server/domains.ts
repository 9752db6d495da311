import { leitbildSearchSource } from '#lib/features/leitbild/server/index.ts';
import { regionSearchSource } from '#lib/features/region/server/index.ts';
import { pagesSearchSource } from '#lib/features/pages/server/index.ts';
import { cooperationSearchSource } from '#lib/features/cooperation/server/service.ts';
import { bodiesSearchSource } from '#lib/features/bodies/server/service.ts';
import { eventsSearchSource, extendOccurrences } from '#lib/features/events/server/service.ts';
import { importAllSources } from '#lib/features/events/server/import.ts';
import { indexDueNews, newsSearchSource } from '#lib/features/news/server/service.ts';
import { placesSearchSource } from '#lib/features/places/server/service.ts';
import { participationSearchSource } from '#lib/features/participation/server/service.ts';
import { sendFundingReminders } from '#lib/features/cooperation/server/reminders.ts';
import type { SearchSource } from '#lib/features/search/server/registry.ts';
import { municipalitiesDataset, regionPersonalFields } from '#lib/features/region/server/datasets.ts';
import { actionFieldsDataset, goalsDataset } from '#lib/features/leitbild/server/datasets.ts';
import { cooperationPersonalFields, fundingApplicationsDataset, fundingProgrammesDataset, indicatorsDataset, measuresDataset } from '#lib/features/cooperation/server/datasets.ts';
import { bodiesDataset, bodiesPersonalFields, decisionsDataset, meetingsDataset, papersDataset } from '#lib/features/bodies/server/datasets.ts';
import { reportsDataset, reportsPersonalFields } from '#lib/features/reports/server/datasets.ts';
import { eventsDataset, eventsPersonalFields } from '#lib/features/events/server/datasets.ts';
import { placesDataset, placesPersonalFields } from '#lib/features/places/server/datasets.ts';
import { newsDataset } from '#lib/features/news/server/datasets.ts';
import { ideasDataset, processesDataset, surveyResultsDataset } from '#lib/features/participation/server/datasets.ts';
import { accountsPersonalFields } from '#lib/features/accounts/server/personal.ts';
import { auditPersonalFields } from '#lib/features/audit/server/personal.ts';
import { feedbackPersonalFields } from '#lib/features/feedback/server/personal.ts';
import { bundlingPersonalFields } from '#lib/features/bundling/server/personal.ts';
import { mailPersonalFields } from './mail/personal.ts';
import type { AnyDataset, PersonalField } from './opendata/dataset.ts';

import { purgeExpiredAccountData } from '#lib/features/accounts/server/service.ts';
import { purgeExpiredFeedback } from '#lib/features/feedback/server/service.ts';
import { purgeOrphanPhotos, purgeUnconfirmedReports } from '#lib/features/reports/server/service.ts';
import { eraseReporterData, escalateOverdueReports, sendDigests } from '#lib/features/reports/server/retention.ts';
import { refreshStatistics } from './db/maintenance.ts';
import { config } from './config.ts';
import { openStorage } from './storage/configured.ts';
import { dispatchMails } from './mail/index.ts';
import type { JobDefinition } from './jobs/index.ts';
import { mailJob, mailSweepJob } from './mail/index.ts';
import { log } from './log.ts';

/**
 * The platform's domains and what each contributes to shared mechanisms. A new module adds its
 * line here; search, open data and the route sweep pick it up from this list.
 */
export const searchSources: SearchSource[] = [regionSearchSource, leitbildSearchSource, pagesSearchSource, cooperationSearchSource, bodiesSearchSource, eventsSearchSource, newsSearchSource, placesSearchSource, participationSearchSource];

/** Every public dataset, in the order of the open data page and the catalogue. */
export const openDatasets: AnyDataset[] = [
	municipalitiesDataset,
	goalsDataset,
	actionFieldsDataset,
	measuresDataset,
	indicatorsDataset,
	fundingProgrammesDataset,
	fundingApplicationsDataset,
	bodiesDataset,
	meetingsDataset,
	papersDataset,
	decisionsDataset,
	reportsDataset,
	eventsDataset,
	placesDataset,
	newsDataset,
	processesDataset,
	ideasDataset,
	surveyResultsDataset
];

/** What each domain declares personal: none of it may appear in any dataset (checked by a test). */
export const personalFields: PersonalField[] = [
	...regionPersonalFields,
	...accountsPersonalFields,
	...auditPersonalFields,
	...feedbackPersonalFields,
	...mailPersonalFields,
	...cooperationPersonalFields,
	...bundlingPersonalFields,
	...bodiesPersonalFields,
	...reportsPersonalFields,
	...eventsPersonalFields,
	...placesPersonalFields
];

/**
 * Nightly: personal data past its retention (accounts, feedback, reporters of closed reports),
 * expired sessions and links, never-confirmed reports and photo files nothing refers to.
 */
const cleanupJob: JobDefinition = {
	queue: 'nightly-cleanup',
	schedule: '17 3 * * *',
	async run(db) {
		const cfg = config();
		const accounts = await purgeExpiredAccountData(db);
		const feedback = await purgeExpiredFeedback(db);
		const unconfirmedReports = await purgeUnconfirmedReports(db);
		const erasedReporters = await eraseReporterData(db, cfg.REPORT_RETENTION_DAYS);
		// a day's grace: a photo uploaded for a form still being filled in has no report yet
		const orphanPhotos = await purgeOrphanPhotos(db, openStorage(cfg), new Date(Date.now() - 86_400_000));
		// the embedded database runs no autovacuum: the planner's statistics are refreshed here
		if (!cfg.DATABASE_URL) await refreshStatistics(db);
		log.info({ ...accounts, feedback, unconfirmedReports, erasedReporters, orphanPhotos }, 'nightly clean-up');
	}
};

/**
 * Weekday mornings: reports without a first response after REPORT_ESCALATION_DAYS go to the
 * municipality's mailbox, and municipalities that asked for it get the previous day's summary.
 */
const escalationJob: JobDefinition = {
	queue: 'reports-escalation',
	schedule: '0 7 * * 1-5',
	async run(db) {
		const cfg = config();
		const ctx = { origin: cfg.ORIGIN ?? `http://localhost:${cfg.PORT}` };
		const { reports, mailIds } = await escalateOverdueReports(db, cfg.REPORT_ESCALATION_DAYS, ctx);
		const digests = await sendDigests(db, ctx);
		await dispatchMails([...mailIds, ...digests]);
		log.info({ reports, mails: mailIds.length, digests: digests.length }, 'overdue reports escalated, digests sent');
	}
};

/** Every morning: reminders of funding deadlines (submission, proof of use) 14 and 3 days ahead. */
const fundingRemindersJob: JobDefinition = {
	queue: 'funding-reminders',
	schedule: '30 6 * * *',
	async run(db) {
		const cfg = config();
		const mailIds = await sendFundingReminders(db, { origin: cfg.ORIGIN ?? `http://localhost:${cfg.PORT}` });
		await dispatchMails(mailIds);
		log.info({ mails: mailIds.length }, 'funding reminders sent');
	}
};

/** Every night: repeating events without an end are expanded up to the horizon again. */
const eventOccurrencesJob: JobDefinition = {
	queue: 'event-occurrences',
	schedule: '40 2 * * *',
	async run(db) {
		log.info({ events: await extendOccurrences(db) }, 'occurrences of open-ended events extended');
	}
};

/** Every hour: the subscribed calendars of the municipalities are fetched and taken over. */
const eventImportJob: JobDefinition = {
	queue: 'event-import',
	schedule: '15 * * * *',
	async run(db) {
		const cfg = config();
		const results = await importAllSources(db, { allowPrivate: cfg.EVENT_IMPORT_ALLOW_PRIVATE, maxBytes: cfg.EVENT_IMPORT_MAX_BYTES, timeoutMs: cfg.EVENT_IMPORT_TIMEOUT_MS }, { origin: cfg.ORIGIN ?? `http://localhost:${cfg.PORT}` });
		await dispatchMails(results.flatMap((r) => r.mailIds));
		log.info({ sources: results.length, failed: results.filter((r) => !r.ok).length }, 'calendars imported');
	}
};

/** Every five minutes: scheduled news that has become due enters the search. */
const newsDueJob: JobDefinition = {
	queue: 'news-due',
	schedule: '*/5 * * * *',
	async run(db) {
		// a little overlap with the previous run: nothing falls between two runs
		if (await indexDueNews(db, new Date(Date.now() - 6 * 60_000))) log.info('scheduled news indexed');
	}
};

/** Background jobs of all domains, started with the server. */
export const jobDefinitions = [mailJob, mailSweepJob, cleanupJob, escalationJob, fundingRemindersJob, eventOccurrencesJob, eventImportJob, newsDueJob] as JobDefinition<never>[];
