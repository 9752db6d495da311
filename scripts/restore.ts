/**
 * npm run restore -- <file>   replaces the database and uploaded files with a backup
 */
import { readConfig } from '../src/lib/server/config.ts';
import { restoreBackup } from '../src/lib/server/backup.ts';

const file = process.argv[2];
if (!file) {
	console.error('Bitte die Sicherungsdatei angeben: npm run restore -- backups/partheland-….tar.gz');
	process.exit(1);
}
try {
	const manifest = await restoreBackup(readConfig(), file);
	console.log(`Wiederhergestellt: ${file} (${manifest.backend}, erstellt ${manifest.createdAt})`);
} catch (error) {
	console.error(`Wiederherstellung fehlgeschlagen: ${(error as Error).message}`);
	process.exit(1);
}
