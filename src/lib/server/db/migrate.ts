import path from 'node:path';
import type { Database } from './client.ts';

/** Advisory lock key shared by every process that migrates or seeds this database. */
export const SCHEMA_LOCK = 72_910_000;

/** Applies the committed SQL migrations (drizzle/). Callers hold SCHEMA_LOCK (see platform.ts). */
export async function migrateDatabase(database: Database, migrationsFolder: string) {
	const folder = path.resolve(migrationsFolder);
	if (database.backend === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(database.db as never, { migrationsFolder: folder });
	} else {
		const { migrate } = await import('drizzle-orm/node-postgres/migrator');
		await migrate(database.db as never, { migrationsFolder: folder });
	}
}
