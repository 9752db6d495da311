import fs from 'node:fs';
import path from 'node:path';

/**
 * An exclusive lock on the embedded database's data directory. PGlite keeps no lock of its own,
 * and two processes writing one directory corrupt it; the second process must stop with a clear
 * message instead. The lock file holds the owner's pid; a lock whose process is gone is stale.
 */
export class DataDirLockedError extends Error {}

export function lockDataDir(dir: string): () => void {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'partheland.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
			let released = false;
			return () => {
				if (released) return;
				released = true;
				try {
					if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
				} catch {
					// already gone
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(file, 'utf8'));
			if (owner && owner !== process.pid && isAlive(owner)) {
				throw new DataDirLockedError(
					`Die eingebettete Datenbank in ${dir} wird bereits von Prozess ${owner} benutzt. ` +
						'Beenden Sie diesen Prozess, oder nutzen Sie für mehrere Prozesse PostgreSQL (DATABASE_URL).'
				);
			}
			fs.unlinkSync(file); // stale: its process has ended
		}
	}
	throw new DataDirLockedError(`Die Sperrdatei ${file} konnte nicht angelegt werden.`);
}

function isAlive(pid: number) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
