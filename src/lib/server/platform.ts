import { importRegion, hasRegion, readRegionDir } from '#lib/features/region/server/index.ts';
import { getLeitbild, reviseLeitbild, leitbildAsText } from '#lib/features/leitbild/server/service.ts';
import { hasCategories, importDefaultCategories } from '#lib/features/reports/server/categories.ts';
import { seedDemoAccounts } from '#lib/features/accounts/server/seed.ts';
import { reindexSearch } from '#lib/features/search/server/service.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase, SCHEMA_LOCK } from './db/migrate.ts';
import { searchSources } from './domains.ts';
import { systemActor } from './actor.ts';
import { log } from './log.ts';

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
		} else {
			// an installation from before categories existed gets the region file's defaults once
			if (!(await hasCategories(database.db))) await importDefaultCategories(database.db, readRegionDir(cfg.REGION_DIR).file.reportCategories);
			await reindexSearch(database.db, searchSources);
		}
		if (cfg.DEMO_DATA) await seedDemoAccounts(database.db);
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
	await reindexSearch(database.db, searchSources);
}
