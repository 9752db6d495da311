import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/lib/server/db/client.ts';
import { preparePlatform } from '../src/lib/server/platform.ts';

/**
 * Migrates and fills one PGlite database once, then dumps it; each test file opens its own copy
 * from the dump (opening PGlite with PostGIS and migrating costs ~10 s, loading a dump ~3 s).
 */
export default async function setup(project: TestProject) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partheland-pglite-'));
	const database = await openDatabase({ dir, lock: false });
	await preparePlatform(database, { MIGRATIONS_DIR: 'drizzle', REGION_DIR: 'regions/partheland', DEMO_DATA: true });
	const dump = await database.dumpDataDir!();
	const file = path.join(dir, 'template.tar.gz');
	fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
	await database.close();
	project.provide('pgliteDump', file);
	return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteDump: string;
		postgresTemplate: string;
	}
}
