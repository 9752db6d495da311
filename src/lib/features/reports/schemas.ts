import { z } from 'zod';

const localized = z.object({ de: z.string().min(1), en: z.string().optional() });

/** An extra question of a category, as the region file or the back office states it. */
export const categoryAttributeSchema = z
	.object({
		code: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'Code: Kleinbuchstaben, Ziffern, - und _'),
		datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
		required: z.boolean().default(false),
		variable: z.boolean().default(true),
		description: localized,
		datatypeDescription: localized.optional(),
		values: z.array(z.object({ key: z.string().min(1).max(40), name: localized })).default([])
	})
	.refine((a) => !a.datatype.endsWith('valuelist') || a.values.length > 0, 'Auswahllisten brauchen Werte')
	.refine((a) => a.datatype.endsWith('valuelist') || a.values.length === 0, 'Nur Auswahllisten haben Werte');

/** A category in the region file: just its German name, or everything. */
export const categoryFileSchema = z.union([
	z.string().min(1),
	z.object({
		code: z.string().regex(/^[a-z0-9_-]{1,40}$/).optional(),
		name: localized,
		description: localized.optional(),
		group: z.string().optional(),
		keywords: z.array(z.string()).default([]),
		public: z.boolean().default(true),
		attributes: z.array(categoryAttributeSchema).default([])
	})
]);
export type CategoryFileEntry = z.infer<typeof categoryFileSchema>;

const optionalText = (max: number, key: string) =>
	z
		.string()
		.trim()
		.max(max, key)
		.transform((v) => v || undefined)
		.optional();
const coordinate = (min: number, max: number) =>
	z
		.string()
		.trim()
		.transform((v) => (v === '' ? undefined : Number(v)))
		.pipe(z.number('report.err.location').min(min, 'report.err.location').max(max, 'report.err.location').optional())
		.optional();

export const MAX_DESCRIPTION = 4000;
export const MAX_PHOTOS = 3;

/**
 * A new Anliegen as the form (and, translated, the Open311 POST) sends it. Either a point
 * (lat/lon) or a municipality with a description of the place. Extra questions are checked
 * against the category's definition by the service.
 */
export const reportInputSchema = z
	.object({
		category: z.string().trim().min(1, 'report.err.category').max(60, 'report.err.category'),
		lat: coordinate(-90, 90),
		lon: coordinate(-180, 180),
		municipality: z
			.string()
			.trim()
			.regex(/^(\d{8})?$/, 'report.err.municipality')
			.transform((v) => v || undefined)
			.optional(),
		district: z
			.string()
			.trim()
			.regex(/^(\d{1,9})?$/, 'report.err.district')
			.transform((v) => (v ? Number(v) : undefined))
			.optional(),
		placeDescription: optionalText(500, 'report.err.placeDescription'),
		address: optionalText(200, 'report.err.address'),
		description: z.string().trim().min(10, 'report.err.description').max(MAX_DESCRIPTION, 'report.err.descriptionLong'),
		name: optionalText(100, 'report.err.name'),
		email: z
			.string()
			.trim()
			.toLowerCase()
			.transform((v) => v || undefined)
			.pipe(z.email('report.err.email').max(254, 'report.err.email').optional())
			.optional(),
		mediaUrl: z.url('report.err.mediaUrl').max(500, 'report.err.mediaUrl').optional(),
		attributes: z.record(z.string(), z.union([z.string().max(1000, 'report.err.attribute'), z.array(z.string().max(200, 'report.err.attribute')).max(50)])).default({})
	})
	.refine((v) => (v.lat === undefined) === (v.lon === undefined), { message: 'report.err.location', path: ['lat'] })
	.refine((v) => v.lat !== undefined || v.municipality !== undefined, { message: 'report.err.whereMissing', path: ['municipality'] });
export type ReportInput = z.infer<typeof reportInputSchema>;

/** The form's text fields (besides photos and extra questions). */
export const reportFormFields = ['category', 'lat', 'lon', 'municipality', 'district', 'placeDescription', 'address', 'description', 'name', 'email'];

export const statusChangeSchema = z
	.object({
		status: z.enum(['received', 'reviewing', 'in_progress', 'done', 'rejected', 'forwarded'], 'report.err.status'),
		message: z.string().trim().max(2000, 'report.err.message'),
		note: z.string().trim().max(500, 'report.err.statusNote'),
		/** For "weitergeleitet": the outside body's address, which then gets the report by e-mail. */
		forwardEmail: z
			.string()
			.trim()
			.transform((v) => v || undefined)
			.pipe(z.email('report.err.email').optional())
			.optional()
	})
	.refine((v) => !['rejected', 'forwarded'].includes(v.status) || v.note.length > 0, { message: 'report.err.statusNoteMissing', path: ['note'] });
export type StatusChange = z.infer<typeof statusChangeSchema>;

const formText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'admin.err.text')
		.transform((v) => v || null);

/** A category as the back office edits it (the extra questions stay as the region file set them). */
export const categoryFormSchema = z.object({
	nameDe: z.string().trim().min(2, 'report.err.categoryName').max(80, 'report.err.categoryName'),
	nameEn: formText(80),
	descriptionDe: formText(200),
	descriptionEn: formText(200),
	group: formText(60),
	keywords: formText(200),
	isPublic: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	active: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});
export type CategoryForm = z.infer<typeof categoryFormSchema>;
export const categoryFormFields = ['nameDe', 'nameEn', 'descriptionDe', 'descriptionEn', 'group', 'keywords', 'isPublic', 'active'];
