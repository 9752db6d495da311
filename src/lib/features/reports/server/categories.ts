import { transaction, type Db } from '#lib/server/db/client.ts';
import { ForbiddenError, NotFoundError, type Actor } from '#lib/server/actor.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { categoryAttributeSchema, type CategoryFileEntry, type CategoryForm } from '../schemas.ts';
import { toSlug } from '#lib/slug.ts';
import { reportsPolicy } from './policy.ts';
import * as queries from './queries.ts';

/** "Grünflächen & Bäume" → "gruenflaechen-baeume": a stable Open311 service_code from a name. */
export function categoryCode(name: string) {
	return toSlug(name).slice(0, 40);
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

export class CategoryError extends Error {
	readonly field: string;
	constructor(field: string, key: string) {
		super(key);
		this.field = field;
	}
}

export async function listAllCategories(db: Db, actor: Actor) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	return queries.listAllCategories(db);
}

export async function findCategoryForEditing(db: Db, actor: Actor, code: string) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	const row = await queries.findCategoryByCode(db, code);
	if (!row) throw new NotFoundError();
	return { category: row, attributes: await queries.listAttributes(db, row.id) };
}

const fromForm = (input: CategoryForm) => ({
	name: { de: input.nameDe, ...(input.nameEn ? { en: input.nameEn } : {}) },
	description: input.descriptionDe ? { de: input.descriptionDe, ...(input.descriptionEn ? { en: input.descriptionEn } : {}) } : null,
	group: input.group,
	keywords: input.keywords,
	isPublic: input.isPublic,
	active: input.active
});

/**
 * Changes a category. Its code (the Open311 service_code) never changes, so that apps and
 * existing reports keep their reference; an unused category is switched off, not deleted.
 */
export async function updateCategory(db: Db, actor: Actor, code: string, input: CategoryForm) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	await transaction(db, async (tx) => {
		const row = await queries.findCategoryByCode(tx, code);
		if (!row) throw new NotFoundError();
		const after = fromForm(input);
		await queries.updateCategory(tx, row.id, after);
		const before = { name: row.name, description: row.description, group: row.group, keywords: row.keywords, isPublic: row.isPublic, active: row.active };
		await recordAudit(tx, actor, { action: 'category.update', entityType: 'report_category', entityId: code, municipality: null, before, after });
	});
}

export async function createCategory(db: Db, actor: Actor, input: CategoryForm) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	const code = categoryCode(input.nameDe);
	if (!code) throw new CategoryError('nameDe', 'report.err.categoryName');
	return transaction(db, async (tx) => {
		if (await queries.findCategoryByCode(tx, code)) throw new CategoryError('nameDe', 'report.err.categoryExists');
		await queries.insertCategory(tx, { code, ...fromForm(input), sortOrder: await queries.nextCategoryOrder(tx) }, []);
		await recordAudit(tx, actor, { action: 'category.create', entityType: 'report_category', entityId: code, municipality: null, before: null, after: fromForm(input) });
		return code;
	});
}

export type AttributeForm = { questionDe: string; questionEn: string; datatype: string; required: boolean; values: string };

/**
 * A new extra question (Open311 attribute) at the end of a category's list. Its code comes from
 * the question; list answers are given one per line, their keys from their names.
 */
export async function addAttribute(db: Db, actor: Actor, code: string, input: AttributeForm) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	const question = input.questionDe.trim();
	if (question.length < 3 || question.length > 200) throw new CategoryError('questionDe', 'report.err.attributeQuestion');
	const names = input.values
		.split('\n')
		.map((v) => v.trim())
		.filter(Boolean)
		.slice(0, 50);
	const parsed = categoryAttributeSchema.safeParse({
		code: categoryCode(question) || 'frage',
		datatype: input.datatype,
		required: input.required,
		description: { de: question, ...(input.questionEn.trim() ? { en: input.questionEn.trim() } : {}) },
		values: names.map((name) => ({ key: categoryCode(name) || name.slice(0, 40), name: { de: name } }))
	});
	if (!parsed.success) throw new CategoryError('values', 'report.err.attributeDefinition');
	await transaction(db, async (tx) => {
		const row = await queries.findCategoryByCode(tx, code);
		if (!row) throw new NotFoundError();
		const existing = await queries.listAttributes(tx, row.id);
		if (existing.some((a) => a.code === parsed.data.code)) throw new CategoryError('questionDe', 'report.err.attributeExists');
		const a = parsed.data;
		await queries.insertAttribute(tx, { ...a, categoryId: row.id, datatypeDescription: null, order: Math.max(0, ...existing.map((e) => e.order)) + 1 });
		await recordAudit(tx, actor, { action: 'category.addQuestion', entityType: 'report_category', entityId: code, municipality: null, before: null, after: { question, datatype: a.datatype, required: a.required } });
	});
}

/** Removes an extra question; answers already given stay with their reports. */
export async function removeAttribute(db: Db, actor: Actor, code: string, attributeCode: string) {
	if (!reportsPolicy.manageCategories(actor)) throw new ForbiddenError();
	await transaction(db, async (tx) => {
		const row = await queries.findCategoryByCode(tx, code);
		if (!row || !(await queries.deleteAttribute(tx, row.id, attributeCode))) throw new NotFoundError();
		await recordAudit(tx, actor, { action: 'category.removeQuestion', entityType: 'report_category', entityId: code, municipality: null, before: { question: attributeCode }, after: null });
	});
}
