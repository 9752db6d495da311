import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../../../../test/s3.ts';
import { localStorage, newStorageKey, StorageError, type Storage } from './index.ts';
import { parseStorageUrl, s3Storage } from './s3.ts';
import { readConfig } from '../config.ts';

/**
 * The storage contract, once for a local directory and once for an S3 bucket served by s3rver
 * (a real S3 protocol peer from npm, in a process of its own): the same behaviour from both.
 */
let server: Awaited<ReturnType<typeof startS3Server>>;
let bucket: string;
const directories: string[] = [];
const temporary = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-s3-'));
	directories.push(dir);
	return dir;
};

beforeAll(async () => {
	server = await startS3Server();
	bucket = server.url();
}, 30_000);
afterAll(async () => {
	await server?.stop();
	for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => Storage][] = [
	['local directory', () => localStorage(temporary())],
	['S3 bucket', () => s3Storage(bucket)],
	['S3 bucket below a prefix, listed in small pages', () => s3Storage(`${bucket}/partheland-${Math.random().toString(36).slice(2)}`, { listPageSize: 2 })]
];

describe.each(backends)('storage contract: %s', (_name, open) => {
	it('stores, reads, lists and removes files by key', async () => {
		const storage = open();
		const photo = newStorageKey('reports', 'webp');
		const thumb = newStorageKey('reports', 'webp');
		const document = newStorageKey('measures', 'pdf');
		const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
		await storage.put(photo, bytes);
		await storage.put(thumb, Buffer.from('thumb'));
		await storage.put(document, Buffer.from('%PDF-1.7'));
		expect(await storage.read(photo)).toEqual(bytes);
		expect(await storage.read('reports/2026-12/gibt-es-nicht.webp')).toBeUndefined();

		const reports = [];
		for await (const file of storage.list('reports')) reports.push(file);
		expect(reports.map((f) => f.key).sort()).toEqual([photo, thumb].sort());
		for (const file of reports) expect(Math.abs(file.modifiedAt.getTime() - Date.now())).toBeLessThan(120_000);
		const all = [];
		for await (const file of storage.list('')) all.push(file.key);
		expect(all.sort()).toEqual([photo, thumb, document].sort());

		await storage.remove(photo);
		await storage.remove(photo); // removing what is gone is no error (the clean-up may race a deletion)
		expect(await storage.read(photo)).toBeUndefined();
		const left = [];
		for await (const file of storage.list('reports')) left.push(file.key);
		expect(left).toEqual([thumb]);
	});

	it('overwrites a key with the new content', async () => {
		const storage = open();
		const key = newStorageKey('places', 'webp');
		await storage.put(key, Buffer.from('first'));
		await storage.put(key, Buffer.from('second'));
		expect((await storage.read(key))?.toString()).toBe('second');
	});

	it('refuses a key the platform did not make (no path from user input)', async () => {
		const storage = open();
		await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
		await expect(storage.read('reports/../../x.webp')).rejects.toThrow(/invalid storage key/);
	});
});

describe('S3 storage', () => {
	it('sees in one instance what another wrote (app servers on several machines share a bucket)', async () => {
		const first = s3Storage(bucket);
		const second = s3Storage(bucket);
		const key = newStorageKey('reports', 'webp');
		await first.put(key, Buffer.from('from the first server'));
		expect((await second.read(key))?.toString()).toBe('from the first server');
		await second.remove(key);
		expect(await first.read(key)).toBeUndefined();
	});

	it('turns an unreachable store into a StorageError (503 for the person), not a crash', async () => {
		const closed = await new Promise<number>((resolve) => {
			const probe = net.createServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as net.AddressInfo;
				probe.close(() => resolve(port));
			});
		});
		const storage = s3Storage(`http://KEY:SECRET@127.0.0.1:${closed}/uploads`, { timeoutMs: 2000 });
		const error = await storage.put(newStorageKey('reports', 'webp'), Buffer.from('x')).catch((e) => e);
		expect(error).toBeInstanceOf(StorageError);
		expect(error.reason).toBe('unreachable');
		await expect(storage.read(newStorageKey('reports', 'webp'))).rejects.toBeInstanceOf(StorageError);
	});

	it('tells a missing bucket from a missing file', async () => {
		const storage = s3Storage(bucket.replace(/uploads$/, 'kein-bucket'));
		const write = await storage.put(newStorageKey('reports', 'webp'), Buffer.from('x')).catch((e) => e);
		expect(write).toBeInstanceOf(StorageError);
		await expect(storage.read(newStorageKey('reports', 'webp'))).rejects.toBeInstanceOf(StorageError);
	});

	it('reads endpoint, credentials, bucket, prefix and region from STORAGE_URL', () => {
		const parsed = parseStorageUrl('https://AKIA%2Fx:s%40cret@s3.example.org/bucket/partheland/eins?region=eu-central-1');
		expect(parsed).toMatchObject({ endpoint: 'https://s3.example.org', bucket: 'bucket', prefix: 'partheland/eins/' });
		expect(() => parseStorageUrl('https://s3.example.org/bucket')).toThrow(/Zugangsdaten/);
		expect(() => parseStorageUrl('https://K:S@s3.example.org/')).toThrow(/Bucket/);
		expect(() => readConfig({ STORAGE_URL: 'ftp://K:S@host/bucket' })).toThrow(/STORAGE_URL/);
		expect(readConfig({ STORAGE_URL: 'https://K:S@host/bucket' }).STORAGE_URL).toBe('https://K:S@host/bucket');
	});
});
