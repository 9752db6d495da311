/**
 * Imports addresses (the gazetteer for the report form's address search and the nearest address
 * of a point) from a CSV or GeoJSON file; see docs/operations.md for the columns. Importing the
 * same file name again replaces its addresses.
 *
 *   npm run addresses:import -- hauskoordinaten.csv
 *
 * Run while the server is stopped when using the embedded database.
 */
import path from 'node:path';
import { readConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { migrateDatabase, SCHEMA_LOCK } from '../src/lib/server/db/migrate.ts';
import { importAddresses, readAddressFile } from '../src/lib/features/addresses/server/service.ts';

const file = process.argv[2];
if (!file) {
	console.error('Bitte die Datei angeben: npm run addresses:import -- adressen.csv');
	process.exit(1);
}
const cfg = readConfig();
const database = await openConfiguredDatabase(cfg);
try {
	const { records, skipped } = readAddressFile(file);
	const stored = await database.withAdvisoryLock(SCHEMA_LOCK, async () => {
		await migrateDatabase(database, cfg.MIGRATIONS_DIR);
		return importAddresses(database.db, records, path.basename(file));
	});
	console.log(`${stored} Adressen gespeichert, ${records.length - stored} außerhalb der Kommunen, ${skipped} Zeilen ohne Straße, Hausnummer oder Koordinaten.`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
