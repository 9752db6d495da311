import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/db.ts';
import { readRegionDir } from '../../region/server/service.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/actor.ts';
import { authenticate, loadActor } from '../../accounts/server/service.ts';
import { DEMO_PASSWORD } from '../../accounts/server/seed.ts';
import { listAuditLog } from '../../audit/server/service.ts';
import type { CategoryForm } from '../schemas.ts';
import { addAttribute, CategoryError, categoryCode, createCategory, removeAttribute, findCategoryDefinition, findCategoryForEditing, importDefaultCategories, listActiveCategories, updateCategory } from './categories.ts';
import { presentService, presentServiceDefinition } from './presenter.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.drop());

describe('report categories', () => {
	it('derive stable codes from German names', () => {
		expect(categoryCode('Grünflächen & Bäume')).toBe('gruenflaechen-baeume');
		expect(categoryCode('Straßenschäden')).toBe('strassenschaeden');
	});

	it('start with the region file’s default set, once', async () => {
		const rows = await listActiveCategories(database.db);
		expect(rows.map((r) => r.category.name.de)).toEqual([
			'Straßenschäden',
			'Straßenbeleuchtung',
			'Illegale Müllablagerung',
			'Grünflächen & Bäume',
			'Spielplätze',
			'Verkehrszeichen & Ampeln',
			'Winterdienst',
			'Gewässer',
			'Sonstiges'
		]);
		expect(await importDefaultCategories(database.db, readRegionDir('regions/partheland').file.reportCategories)).toBe(0);
		expect(await listActiveCategories(database.db)).toHaveLength(9);
	});

	it('present themselves as Open311 services with their extra questions', async () => {
		const all = await listActiveCategories(database.db);
		expect(all.map((r) => [r.category.code, r.attributeCount])).toEqual([
			['strassenschaeden', 1],
			['strassenbeleuchtung', 1],
			['muellablagerung', 1],
			['gruenflaechen-baeume', 0],
			['spielplaetze', 0],
			['verkehrszeichen-ampeln', 0],
			['winterdienst', 0],
			['gewaesser', 0],
			['sonstiges', 0]
		]);
		const [first] = all;
		expect(presentService(first.category, first.attributeCount)).toEqual({
			service_code: 'strassenschaeden',
			service_name: 'Straßenschäden',
			description: 'Schlaglöcher, Risse und Schäden an Straßen, Geh- und Radwegen',
			metadata: true,
			type: 'realtime',
			keywords: 'Schlagloch, Gehweg, Radweg, Pflaster',
			group: 'Straße und Verkehr'
		});
		const found = (await findCategoryDefinition(database.db, 'muellablagerung'))!;
		expect(presentServiceDefinition(found.category, found.attributes, 'en')).toEqual({
			service_code: 'muellablagerung',
			attributes: [
				{
					variable: true,
					code: 'abfallart',
					datatype: 'multivaluelist',
					required: false,
					datatype_description: null,
					order: 1,
					description: 'What is there?',
					values: [
						{ key: 'hausmuell', name: 'Household waste' },
						{ key: 'sperrmuell', name: 'Bulky waste' },
						{ key: 'bauschutt', name: 'Rubble' },
						{ key: 'reifen', name: 'Tyres' },
						{ key: 'gefaehrlich', name: 'Possibly hazardous substances' }
					]
				}
			]
		});
		expect(await findCategoryDefinition(database.db, 'gibt-es-nicht')).toBeUndefined();
	});
});

describe('keeping categories in the back office', () => {
	const form = (over: Partial<CategoryForm> = {}): CategoryForm => ({
		nameDe: 'Ordnungswidrigkeiten',
		nameEn: 'Administrative offences',
		descriptionDe: 'Falschparker, Lärm, Hundekot',
		descriptionEn: null,
		group: 'Ordnung',
		keywords: 'Parken, Lärm',
		isPublic: false,
		active: true,
		...over
	});

	it('lets the coordination office add a category that is never public, and change it with an audit entry', async () => {
		const coordinator = await actorFor('koordination.demo@partheland.example');
		const code = await createCategory(database.db, coordinator, form());
		expect(code).toBe('ordnungswidrigkeiten');
		await expect(createCategory(database.db, coordinator, form())).rejects.toBeInstanceOf(CategoryError);
		const listed = await listActiveCategories(database.db);
		expect(listed.at(-1)?.category).toMatchObject({ code, isPublic: false, group: 'Ordnung' });
		await updateCategory(database.db, coordinator, code, form({ nameDe: 'Ordnungswidrigkeiten (Ordnungsamt)', active: false }));
		expect((await listActiveCategories(database.db)).some((c) => c.category.code === code)).toBe(false);
		const { category } = await findCategoryForEditing(database.db, coordinator, code);
		expect(category.name).toEqual({ de: 'Ordnungswidrigkeiten (Ordnungsamt)', en: 'Administrative offences' });
		const log = await listAuditLog(database.db, coordinator, { action: 'category.update', limit: 5 });
		expect(log[0]).toMatchObject({ entityId: code });
	});

	it('adds and removes extra questions, which Open311 then describes', async () => {
		const coordinator = await actorFor('koordination.demo@partheland.example');
		await addAttribute(database.db, coordinator, 'spielplaetze', { questionDe: 'Welches Spielgerät?', questionEn: 'Which equipment?', datatype: 'singlevaluelist', required: true, values: 'Schaukel\nRutsche\nKlettergerüst' });
		const definition = await findCategoryDefinition(database.db, 'spielplaetze');
		const added = presentServiceDefinition(definition!.category, definition!.attributes).attributes.at(-1)!;
		expect(added).toMatchObject({ code: 'welches-spielgeraet', datatype: 'singlevaluelist', required: true, description: 'Welches Spielgerät?' });
		expect(added.values.map((v) => v.key)).toEqual(['schaukel', 'rutsche', 'klettergeruest']);
		const refused = await addAttribute(database.db, coordinator, 'spielplaetze', { questionDe: 'Welche Farbe?', questionEn: '', datatype: 'singlevaluelist', required: false, values: '' }).catch((e) => e);
		expect(refused).toBeInstanceOf(CategoryError);
		await expect(addAttribute(database.db, coordinator, 'spielplaetze', { questionDe: 'Welches Spielgerät?', questionEn: '', datatype: 'string', required: false, values: '' })).rejects.toBeInstanceOf(CategoryError);
		await removeAttribute(database.db, coordinator, 'spielplaetze', 'welches-spielgeraet');
		expect((await findCategoryDefinition(database.db, 'spielplaetze'))!.attributes.some((a) => a.code === 'welches-spielgeraet')).toBe(false);
		await expect(removeAttribute(database.db, coordinator, 'spielplaetze', 'welches-spielgeraet')).rejects.toBeInstanceOf(NotFoundError);
		await expect(addAttribute(database.db, await actorFor('admin.borsdorf@partheland.example'), 'spielplaetze', { questionDe: 'Frage?', questionEn: '', datatype: 'string', required: false, values: '' })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('refuses municipal staff and unknown codes', async () => {
		const staff = await actorFor('admin.borsdorf@partheland.example');
		await expect(createCategory(database.db, staff, form({ nameDe: 'Etwas anderes' }))).rejects.toBeInstanceOf(ForbiddenError);
		const coordinator = await actorFor('koordination.demo@partheland.example');
		await expect(updateCategory(database.db, coordinator, 'gibt-es-nicht', form())).rejects.toBeInstanceOf(NotFoundError);
	});
});

async function actorFor(email: string) {
	const account = await authenticate(database.db, email, DEMO_PASSWORD);
	return (await loadActor(database.db, account!.id))!;
}
