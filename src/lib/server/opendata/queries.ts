import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';

/**
 * When a dataset last changed: the latest of a timestamp column over the rows that are public.
 * `table`, `column` and `where` are constants from the dataset definitions, never user input.
 */
export async function lastChange(db: Db, table: string, column: string, where = 'true'): Promise<Date | null> {
	const [row] = await queryRows<{ at: string | Date | null }>(db, sql.raw(`select max(${column}) as at from ${table} where ${where}`));
	return row?.at ? new Date(row.at) : null;
}

/** The latest of several changes (null when all are null). */
export function latest(...dates: (Date | null)[]) {
	const known = dates.filter((d): d is Date => d !== null);
	return known.length ? new Date(Math.max(...known.map((d) => d.getTime()))) : null;
}
