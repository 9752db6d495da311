/**
 * npm run backup [-- <file>]   database and uploaded files in one .tar.gz (see docs/operations.md)
 */
import { readConfig } from '../src/lib/server/config.ts';
import { createBackup } from '../src/lib/server/backup.ts';

const file = process.argv[2] ?? `backups/partheland-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
try {
	const manifest = await createBackup(readConfig(), file);
	console.log(`Sicherung geschrieben: ${file} (${manifest.backend})`);
} catch (error) {
	console.error(`Sicherung fehlgeschlagen: ${(error as Error).message}`);
	process.exit(1);
}
