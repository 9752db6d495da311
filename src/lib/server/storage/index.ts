import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Where uploaded files live. Keys are relative paths chosen by the platform (never by the
 * uploader), so no user input ever reaches the file system's path.
 */
export interface Storage {
	put(key: string, data: Buffer): Promise<void>;
	read(key: string): Promise<Buffer | undefined>;
	remove(key: string): Promise<void>;
	/** Keys under a prefix (`reports`; '' for all) with their modification time (orphan clean-up, backup). */
	list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

/**
 * A file could not be written: the disk is full, or the directory is not writable (or gone).
 * Nothing that points to the file is written then; the person sees a clear message (503).
 */
const STORAGE_MESSAGES = {
	full: 'Der Speicher für hochgeladene Dateien ist voll.',
	unwritable: 'Der Speicher für hochgeladene Dateien ist nicht beschreibbar.',
	unreachable: 'Der Speicher für hochgeladene Dateien ist nicht erreichbar.'
};

export class StorageError extends Error {
	readonly reason: keyof typeof STORAGE_MESSAGES;
	constructor(reason: keyof typeof STORAGE_MESSAGES, options?: ErrorOptions) {
		super(STORAGE_MESSAGES[reason], options);
		this.reason = reason;
	}
}

/** The storage's error for a failed write (file system codes; the other back ends map theirs). */
export function storageFault(error: unknown) {
	const code = (error as NodeJS.ErrnoException).code ?? '';
	return new StorageError(code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : 'unwritable', { cause: error });
}

export const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*\.[a-z0-9]+$/;

export function checkKey(key: string) {
	if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
	return key;
}

/** A new key such as `reports/2026-11/3f2c….webp`. */
export function newStorageKey(prefix: string, extension: string, now = new Date()) {
	return checkKey(`${prefix}/${now.toISOString().slice(0, 7)}/${randomUUID()}.${extension}`);
}

/** Files in a local directory, written atomically (temporary file, fsync, rename). */
export function localStorage(root: string): Storage {
	const file = (key: string) => path.join(root, checkKey(key));
	return {
		async put(key, data) {
			const target = file(key);
			const temporary = `${target}.${process.pid}.tmp`;
			try {
				await fs.promises.mkdir(path.dirname(target), { recursive: true });
				const handle = await fs.promises.open(temporary, 'w');
				try {
					await handle.writeFile(data);
					await handle.sync();
				} finally {
					await handle.close();
				}
				await fs.promises.rename(temporary, target);
			} catch (error) {
				await fs.promises.rm(temporary, { force: true }).catch(() => {}); // a half-written file must not stay
				throw storageFault(error);
			}
		},
		async read(key) {
			try {
				return await fs.promises.readFile(file(key));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw e;
			}
		},
		async remove(key) {
			await fs.promises.rm(file(key), { force: true });
		},
		async *list(prefix) {
			const base = path.join(root, prefix);
			if (!fs.existsSync(base)) return;
			for (const entry of await fs.promises.readdir(base, { recursive: true, withFileTypes: true })) {
				if (!entry.isFile()) continue;
				const full = path.join(entry.parentPath, entry.name);
				const stat = await fs.promises.stat(full);
				// a write interrupted by a crash leaves its temporary file behind
				if (entry.name.endsWith('.tmp')) {
					if (Date.now() - stat.mtimeMs > 3_600_000) await fs.promises.rm(full, { force: true });
					continue;
				}
				const key = path.relative(root, full).split(path.sep).join('/');
				if (KEY.test(key)) yield { key, modifiedAt: stat.mtime };
			}
		}
	};
}
