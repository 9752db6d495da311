import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});

/**
 * A real S3 protocol peer: s3rver (npm) in a process of its own, with a bucket `uploads`.
 * It lists continuation tokens with DES, which OpenSSL 3 only offers in its legacy provider –
 * hence the flag. It does not verify Signature V4 (its own documentation), so credentials are
 * not checked by it; the signing itself is aws4fetch's.
 */
export async function startS3Server(buckets = ['uploads']) {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-s3rver-'));
	const port = await freePort();
	const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');
	const child = spawn(process.execPath, ['--openssl-legacy-provider', bin, '-d', directory, '-a', '127.0.0.1', '-p', String(port), '--silent', '--no-vhost-buckets', ...buckets.flatMap((b) => ['--configure-bucket', b])], { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`s3rver ended: ${stderr}`);
		const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
		if (up) break;
		if (Date.now() > deadline) throw new Error(`s3rver did not start: ${stderr}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		/** The STORAGE_URL of a bucket (s3rver's fixed credentials). */
		url: (bucket = buckets[0]) => `http://S3RVER:S3RVER@127.0.0.1:${port}/${bucket}`,
		directory,
		async stop() {
			child.kill();
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
			fs.rmSync(directory, { recursive: true, force: true });
		}
	};
}
