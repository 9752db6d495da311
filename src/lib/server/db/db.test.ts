import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('data directory lock', () => {
	it('lets one process hold the directory and tells a second one plainly', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-lock-'));
		fs.writeFileSync(path.join(dir, 'partheland.lock'), String(process.ppid)); // a live process that is not us
		expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
		expect(() => lockDataDir(dir)).toThrow(/wird bereits von Prozess \d+ benutzt/);
		fs.rmSync(dir, { recursive: true });
	});

	it('takes over a stale lock whose process has ended, and releases it', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-lock-'));
		fs.writeFileSync(path.join(dir, 'partheland.lock'), '2147483646');
		const release = lockDataDir(dir);
		expect(fs.readFileSync(path.join(dir, 'partheland.lock'), 'utf8')).toBe(String(process.pid));
		release();
		expect(fs.existsSync(path.join(dir, 'partheland.lock'))).toBe(false);
		fs.rmSync(dir, { recursive: true });
	});
});
