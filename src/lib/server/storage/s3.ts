import { AwsClient } from 'aws4fetch';
import { checkKey, KEY, StorageError, type Storage } from './index.ts';

/**
 * Files in a bucket of an S3-compatible object store (AWS S3, MinIO, Ceph, Garage, the offers of
 * German hosters), so that app servers on several machines share their uploads.
 *
 * `STORAGE_URL` names the endpoint, the credentials and the bucket, path-style:
 * `https://ACCESS_KEY:SECRET@s3.example.org/bucket?region=eu-central-1`. An optional path after
 * the bucket becomes a prefix of every key (`…/bucket/partheland`). Credentials must be
 * URL-encoded. Requests are signed with AWS Signature V4 (aws4fetch).
 */
export function s3Storage(storageUrl: string, options: { timeoutMs?: number; listPageSize?: number } = {}): Storage {
	const { endpoint, bucket, prefix, client } = parseStorageUrl(storageUrl);
	const timeoutMs = options.timeoutMs ?? 30_000;
	const objectUrl = (key: string) => `${endpoint}/${bucket}/${prefix}${checkKey(key)}`;

	async function send(url: string, init: RequestInit = {}) {
		try {
			return await client.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
		} catch (error) {
			// refused connection, DNS, time-out: the store is not there
			throw new StorageError('unreachable', { cause: error });
		}
	}

	return {
		async put(key, data) {
			const response = await send(objectUrl(key), { method: 'PUT', body: new Uint8Array(data), headers: { 'content-length': String(data.length) } });
			if (!response.ok) throw await s3Fault(response);
			await response.body?.cancel();
		},
		async read(key) {
			const response = await send(objectUrl(key));
			if (response.status === 404) {
				const body = await response.text();
				if (!body.includes('<Code>NoSuchBucket</Code>')) return undefined;
				throw new StorageError('unreachable', { cause: new Error('S3 404 NoSuchBucket') });
			}
			if (!response.ok) throw await s3Fault(response);
			return Buffer.from(await response.arrayBuffer());
		},
		async remove(key) {
			const response = await send(objectUrl(key), { method: 'DELETE' });
			// S3 answers 204 whether the object existed or not; some stores answer 404
			if (!response.ok && response.status !== 404) throw await s3Fault(response);
			await response.body?.cancel();
		},
		async *list(listPrefix) {
			let token: string | undefined;
			do {
				const query = new URLSearchParams({ 'list-type': '2', prefix: listPrefix ? `${prefix}${listPrefix}/` : prefix });
				if (token) query.set('continuation-token', token);
				if (options.listPageSize) query.set('max-keys', String(options.listPageSize));
				const response = await send(`${endpoint}/${bucket}?${query}`);
				if (!response.ok) throw await s3Fault(response);
				const page = parseListing(await response.text());
				for (const object of page.objects) {
					const key = object.key.slice(prefix.length);
					if (KEY.test(key)) yield { key, modifiedAt: object.modifiedAt };
				}
				token = page.nextToken;
			} while (token);
		}
	};
}

export function parseStorageUrl(storageUrl: string) {
	const url = new URL(storageUrl);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('STORAGE_URL muss mit https:// (oder http:// in einem geschlossenen Netz) beginnen.');
	const [bucket, ...rest] = url.pathname.split('/').filter(Boolean);
	if (!bucket) throw new Error('STORAGE_URL nennt keinen Bucket (https://KEY:SECRET@host/bucket).');
	if (!url.username || !url.password) throw new Error('STORAGE_URL nennt keine Zugangsdaten (https://KEY:SECRET@host/bucket).');
	const client = new AwsClient({
		accessKeyId: decodeURIComponent(url.username),
		secretAccessKey: decodeURIComponent(url.password),
		service: 's3',
		region: url.searchParams.get('region') ?? 'us-east-1',
		// a person waits for the answer: two quick retries of a 5xx, not aws4fetch's ten
		retries: 2
	});
	return { endpoint: url.origin, bucket, prefix: rest.length ? `${rest.join('/')}/` : '', client };
}

/** The store's refusal as a StorageError; its XML error code says whether it is full. */
async function s3Fault(response: Response) {
	const body = await response.text().catch(() => '');
	const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '';
	const full = ['QuotaExceeded', 'XMinioStorageFull', 'InsufficientStorage', 'EntityTooLarge'].includes(code) || response.status === 507;
	return new StorageError(full ? 'full' : response.status >= 500 ? 'unreachable' : 'unwritable', { cause: new Error(`S3 ${response.status} ${code}`) });
}

/** A ListObjectsV2 answer. Keys are of the platform's own alphabet, so no XML entity can occur in them. */
export function parseListing(xml: string) {
	const objects = [...xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].map(([, part]) => ({
		key: /<Key>([^<]*)<\/Key>/.exec(part)?.[1] ?? '',
		modifiedAt: new Date(/<LastModified>([^<]*)<\/LastModified>/.exec(part)?.[1] ?? 0)
	}));
	const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml);
	const nextToken = truncated ? /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>') : undefined;
	return { objects, nextToken };
}
