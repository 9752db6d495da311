import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { storeImage } from '../images.ts';
import { storeUploadedPhoto } from '../../features/reports/server/service.ts';
import { localStorage, newStorageKey, storageFault, StorageError, type Storage } from './index.ts';

describe('local storage faults', () => {
	it('refuses a write below a directory that cannot be written, and leaves no temporary file', async () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-storage-'));
		fs.writeFileSync(path.join(root, 'reports'), 'a file where a directory belongs');
		const storage = localStorage(root);
		const error = await storage.put(newStorageKey('reports', 'webp'), Buffer.from('x')).catch((e) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect(error.reason).toBe('unwritable');
		expect(fs.readdirSync(root)).toEqual(['reports']);
		fs.rmSync(root, { recursive: true });
	});

	it('tells a full disk from an unwritable one', () => {
		const errno = (code: string) => Object.assign(new Error(code), { code });
		expect(storageFault(errno('ENOSPC')).reason).toBe('full');
		expect(storageFault(errno('EDQUOT')).reason).toBe('full');
		expect(storageFault(errno('EROFS')).reason).toBe('unwritable');
		expect(storageFault(errno('EACCES')).message).toBe('Der Speicher für hochgeladene Dateien ist nicht beschreibbar.');
	});
});

describe('a disk that fills up between an image and its thumbnail', () => {
	/** Storage in memory whose second write fails as a full disk does. */
	function fillingStorage() {
		const files = new Map<string, Buffer>();
		let writes = 0;
		const storage: Storage = {
			async put(key, data) {
				if (++writes === 2) throw storageFault(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
				files.set(key, data);
			},
			read: async (key) => files.get(key),
			remove: async (key) => void files.delete(key),
			async *list() {}
		};
		return { storage, files };
	}
	const jpeg = () => sharp({ create: { width: 300, height: 200, channels: 3, background: '#678' } }).jpeg().toBuffer();

	it('leaves no image of a report photo behind', async () => {
		const { storage, files } = fillingStorage();
		await expect(storeUploadedPhoto(storage, await jpeg())).rejects.toMatchObject({ reason: 'full' });
		expect(files.size).toBe(0);
	});

	it('leaves no image of an event, place or news picture behind', async () => {
		const { storage, files } = fillingStorage();
		await expect(storeImage(storage, await jpeg(), 'events')).rejects.toBeInstanceOf(StorageError);
		expect(files.size).toBe(0);
	});
});
