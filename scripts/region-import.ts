/**
 * Reads the region file (REGION_DIR) into the database again: region, members, boundaries, and
 * the Leitbild as a new revision when it differs. Run while the server is stopped when using the
 * embedded database (it holds an exclusive lock on its directory).
 *
 *   npm run region:import
 */
import { readConfig } from '../src/lib/server/config.ts';
import { importRegionFile, openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { migrateDatabase, SCHEMA_LOCK } from '../src/lib/server/db/migrate.ts';

const cfg = readConfig();
const database = await openConfiguredDatabase(cfg);
try {
	await database.withAdvisoryLock(SCHEMA_LOCK, async () => {
		await migrateDatabase(database, cfg.MIGRATIONS_DIR);
		await importRegionFile(database, cfg.REGION_DIR);
	});
	console.log(`Regionsdatei ${cfg.REGION_DIR} eingelesen.`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
