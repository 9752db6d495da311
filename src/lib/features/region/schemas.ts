import { z } from 'zod';
import { leitbildSchema } from '../leitbild/schemas.ts';
import { categoryFileSchema } from '../reports/schemas.ts';
import { licenceIds } from '../opendata/licences.ts';

const localized = z.object({ de: z.string().min(1), en: z.string().optional() });
const contact = z
	.object({
		name: z.string().optional(),
		street: z.string().optional(),
		postcode: z.string().optional(),
		city: z.string().optional(),
		phone: z.string().optional(),
		email: z.email().optional(),
		website: z.url().optional()
	})
	.strict();

export const memberSchema = z.object({
	slug: z.string().regex(/^[a-z0-9-]+$/),
	ags: z.string().regex(/^\d{8}$/, 'AGS hat 8 Ziffern'),
	name: z.string().min(1),
	kind: z.enum(['Gemeinde', 'Stadt', 'Markt']),
	inhabitants: z.number().int().nonnegative(),
	inhabitantsDate: z.iso.date(),
	areaSqKm: z.number().positive(),
	districts: z.array(z.union([z.string().min(1), z.object({ name: z.string().min(1), note: z.string().optional() })])),
	description: localized,
	contact,
	impressumContact: contact.optional(),
	privacyContact: contact.optional(),
	reportsMailbox: z.email().optional()
});

/** The region file: everything another cooperation replaces to run the platform as its own. */
export const regionFileSchema = z.object({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string().min(1),
	shortName: z.string().min(1),
	tagline: localized,
	description: localized,
	colours: z.record(z.string(), z.string().regex(/^#[0-9a-f]{6}$/i)),
	coordinationOffice: contact,
	/** Licence of the platform's own open data (the boundaries keep theirs). */
	dataLicence: z.enum(licenceIds, { error: `Lizenz der offenen Daten: eine von ${licenceIds.join(', ')}` }),
	boundaries: z.object({ file: z.string().min(1), attribution: z.string().min(1), licence: z.string().min(1) }),
	members: z.array(memberSchema).min(1),
	leitbild: leitbildSchema,
	reportCategories: z.array(categoryFileSchema)
});

export type RegionFile = z.infer<typeof regionFileSchema>;
export type Member = z.infer<typeof memberSchema>;

/** Back office: what a municipality maintains itself. Empty fields are dropped; messages are catalogue keys. */
const formText = z
	.string()
	.trim()
	.max(200, 'admin.err.text')
	.transform((v) => v || undefined);
const formContact = z.object({
	name: formText,
	street: formText,
	postcode: formText,
	city: formText,
	phone: formText,
	email: z.union([z.literal(''), z.string().trim().pipe(z.email('admin.err.contactEmail').max(254, 'admin.err.contactEmail'))]).transform((v) => v || undefined),
	website: z.union([z.literal(''), z.string().trim().pipe(z.url({ protocol: /^https?$/, error: 'admin.err.contactWebsite' }))]).transform((v) => v || undefined)
});
export const contactFields = ['name', 'street', 'postcode', 'city', 'phone', 'email', 'website'] as const;
export const municipalityDetailsSchema = z.object({
	contact: formContact,
	impressumContact: formContact,
	privacyContact: formContact,
	reportsMailbox: z
		.union([z.literal(''), z.string().trim().pipe(z.email('admin.err.contactEmail').max(254, 'admin.err.contactEmail'))])
		.optional()
		.transform((v) => v || null),
	reportsDigest: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	inhabitants: z.coerce.number('admin.err.inhabitants').int('admin.err.inhabitants').min(0, 'admin.err.inhabitants').max(10_000_000, 'admin.err.inhabitants'),
	inhabitantsDate: z.iso.date('admin.err.date')
});
export type MunicipalityDetails = z.infer<typeof municipalityDetailsSchema>;
