import { transaction, type Db } from '#lib/server/db/client.ts';
import type { CategoryFileEntry } from '../schemas.ts';
import * as queries from './queries.ts';

/** "Grünflächen & Bäume" → "gruenflaechen-baeume": a stable Open311 service_code from a name. */
export function categoryCode(name: string) {
	return name
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);
}

/**
 * Writes the region file's default categories into an installation that has none yet. From then on
 * the database is the source (categories are kept in the back office).
 */
export async function importDefaultCategories(db: Db, entries: CategoryFileEntry[]) {
	if ((await queries.countCategories(db)) > 0) return 0;
	await transaction(db, async (tx) => {
		for (const [i, entry] of entries.entries()) {
			const e = typeof entry === 'string' ? { name: { de: entry }, keywords: [], public: true, attributes: [] } : entry;
			await queries.insertCategory(
				tx,
				{
					code: ('code' in e && e.code) || categoryCode(e.name.de),
					name: e.name,
					description: 'description' in e ? (e.description ?? null) : null,
					group: 'group' in e ? (e.group ?? null) : null,
					keywords: e.keywords.length ? e.keywords.join(', ') : null,
					isPublic: e.public,
					sortOrder: i
				},
				e.attributes.map((a, order) => ({ ...a, datatypeDescription: a.datatypeDescription ?? null, order: order + 1 }))
			);
		}
	});
	return entries.length;
}

export const listActiveCategories = queries.listActiveCategories;
export const hasCategories = async (db: Db) => (await queries.countCategories(db)) > 0;

export async function findCategoryDefinition(db: Db, code: string) {
	const category = await queries.findActiveCategory(db, code);
	if (!category) return undefined;
	return { category, attributes: await queries.listAttributes(db, category.id) };
}
