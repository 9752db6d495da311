/**
 * Removes the demo data from a database: the demo accounts with their sessions and roles, and
 * the demo bodies with their meetings and decisions, the demo measures of the cooperation (with
 * their documents) and the demo funding programme.
 * Set DEMO_DATA=off as well, or the next start creates them again. With the embedded database,
 * run it while the server is stopped.
 *
 *   npm run demo:remove
 */
import { readConfig } from '../src/lib/server/config.ts';
import { openConfiguredDatabase } from '../src/lib/server/platform.ts';
import { removeDemoAccounts } from '../src/lib/features/accounts/server/service.ts';
import { removeDemoCooperation } from '../src/lib/features/cooperation/server/demo.ts';
import { removeDemoBodies } from '../src/lib/features/bodies/server/demo.ts';
import { removeDemoEvents } from '../src/lib/features/events/server/demo.ts';
import { removeDemoNews } from '../src/lib/features/news/server/demo.ts';
import { removeDemoPlaces } from '../src/lib/features/places/server/demo.ts';
import { removeDemoParticipation } from '../src/lib/features/participation/server/demo.ts';
import { openStorage } from '../src/lib/server/storage/configured.ts';

const cfg = readConfig();
if (cfg.DEMO_DATA) console.warn('Hinweis: DEMO_DATA ist eingeschaltet; beim nächsten Start entstehen die Demo-Konten neu.');
const database = await openConfiguredDatabase(cfg);
try {
	const removed = await removeDemoAccounts(database.db);
	console.log(`${removed} Demo-Konten entfernt.`);
	console.log(`${await removeDemoBodies(database.db)} Demo-Gremien (mit Sitzungen und Beschlüssen) entfernt.`);
	console.log(`${await removeDemoEvents(database.db)} Demo-Veranstaltungen entfernt.`);
	console.log(`${await removeDemoNews(database.db)} Demo-Nachrichten entfernt.`);
	console.log(`${await removeDemoPlaces(database.db)} Demo-Orte entfernt.`);
	console.log(`${await removeDemoParticipation(database.db)} Demo-Beteiligungsverfahren (mit Ideen und Kommentaren) entfernt.`);
	const cooperation = await removeDemoCooperation(database.db);
	const storage = openStorage(cfg);
	for (const key of cooperation.keys) await storage.remove(key);
	console.log(`${cooperation.measures} Demo-Maßnahmen und ${cooperation.programmes} Demo-Förderprogramm(e) entfernt.`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
