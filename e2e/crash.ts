import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { openDatabase, queryRows } from '../src/lib/server/db/client.ts';
import { localStorage } from '../src/lib/server/storage/index.ts';
import { purgeOrphanPhotos } from '../src/lib/features/reports/server/service.ts';
import { freePort, startServer, type RunningServer } from './server.ts';
import { BORSDORF, labelPoint } from './region.ts';

/**
 * The crash test's harness: report submissions with photos run against the built server while it
 * is killed with SIGKILL and started again, several times; then the database and the files are
 * compared with what each sender was told.
 */
export type Submission = { marker: string; photos: number; acknowledged?: number; refused?: number };

export type CrashResult = {
	kills: number;
	submissions: Submission[];
	/** Whether the server started again after every kill; if not, why not. */
	restartError?: string;
	reports: Map<string, { id: number; photos: number; files: string[] }[]>;
	missingFiles: string[];
	orphansRemoved: number;
	strayFiles: string[];
};

/** A point inside Borsdorf (its label point), where a report is routed without asking. */
export const pointInBorsdorf = (url: string) => labelPoint(url, BORSDORF);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function photo(seed: number) {
	const background = { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 53) % 256 };
	return sharp({ create: { width: 640, height: 480, channels: 3, background } }).jpeg().toBuffer();
}

/** One report through the form, as a browser without JavaScript sends it. */
async function submit(url: string, where: { lat: number; lon: number }, submission: Submission, n: number) {
	const form = new FormData();
	form.set('category', 'sonstiges');
	form.set('lat', String(where.lat + (n % 50) * 0.0001));
	form.set('lon', String(where.lon));
	form.set('description', `Absturztest ${submission.marker}: die Laterne flackert.`);
	form.set('email', `absturz-${n}@example.org`);
	form.set('duplicatesSeen', '1');
	for (let i = 0; i < submission.photos; i++) form.append('photos', new Blob([new Uint8Array(await photo(n + i))], { type: 'image/jpeg' }), `foto-${i}.jpg`);
	// a proxy in front names the sender's address: each report comes from another one (rate limit)
	const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
	const res = await fetch(`${url}/anliegen/neu`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: url, accept: 'text/html', 'x-forwarded-for': address } });
	const id = /\/anliegen\/gesendet\?nr=(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
	if (res.status === 303 && id) submission.acknowledged = Number(id);
	else submission.refused = res.status;
}

export async function crashTest(options: { kills: number; env?: Record<string, string>; workers?: number }): Promise<CrashResult> {
	const port = await freePort();
	const env = { ...options.env, PORT: String(port), ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' };
	let server: RunningServer = await startServer(env);
	const dataDir = server.dataDir;
	const where = await pointInBorsdorf(server.url);
	const submissions: Submission[] = [];
	let kills = 0;
	let restartError: string | undefined;
	let n = 0;
	for (; kills < options.kills; kills++) {
		let killed = false;
		const worker = async () => {
			while (!killed) {
				const submission: Submission = { marker: `r${kills}-${n}`, photos: 1 + (n % 3) };
				submissions.push(submission);
				await submit(server.url, where, submission, n++).catch(() => {});
			}
		};
		const workers = Array.from({ length: options.workers ?? 3 }, worker);
		await pause(1500 + Math.random() * 2500);
		killed = true;
		server.process.kill('SIGKILL');
		await Promise.all(workers);
		await server.stop();
		try {
			server = await startServer({ ...env, DATA_DIR: dataDir });
		} catch (error) {
			restartError = (error as Error).message;
			kills++;
			break;
		}
	}
	if (!restartError) await server.stop();

	const result: CrashResult = { kills, submissions, restartError, reports: new Map(), missingFiles: [], orphansRemoved: 0, strayFiles: [] };
	if (restartError) return result;
	const uploads = path.join(dataDir, 'uploads');
	const database = await openDatabase(options.env?.DATABASE_URL ? { url: options.env.DATABASE_URL } : { dir: path.join(dataDir, 'db') });
	try {
		const rows = await queryRows<{ id: number; description: string; files: string[] | null }>(
			database.db,
			sql`select r.id, r.description, array_remove(array_agg(p.file_key) || array_agg(p.thumb_key), null) as files
			    from report r left join report_photo p on p.report_id = r.id
			    where r.description like 'Absturztest %' group by r.id`
		);
		for (const row of rows) {
			const marker = /^Absturztest (\S+):/.exec(row.description)![1];
			const files = row.files ?? [];
			result.reports.set(marker, [...(result.reports.get(marker) ?? []), { id: row.id, photos: files.length / 2, files }]);
			for (const key of files) if (!fs.existsSync(path.join(uploads, key))) result.missingFiles.push(key);
		}
		// the nightly clean-up, for every file regardless of its age
		const storage = localStorage(uploads);
		result.orphansRemoved = await purgeOrphanPhotos(database.db, storage, new Date(Date.now() + 60_000));
		const referenced = new Set(
			(await queryRows<{ key: string }>(database.db, sql`select file_key as key from report_photo union all select thumb_key from report_photo`)).map((r) => r.key)
		);
		for await (const file of storage.list('reports')) if (!referenced.has(file.key)) result.strayFiles.push(file.key);
	} finally {
		await database.close();
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
	return result;
}
