import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { db, storage } from '#lib/server/runtime.ts';
import { StorageError } from '#lib/server/storage/index.ts';
import { log } from '#lib/server/log.ts';
import { mapConfig } from '#lib/server/map.ts';
import { dispatchMails } from '#lib/server/mail/index.ts';
import { consumeRateLimit } from '#lib/server/rate-limit/index.ts';
import { translator, type MessageKey } from '#lib/i18n/index.ts';
import { mailContext } from '#lib/features/accounts/server/web.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { listActiveCategories, findCategoryDefinition } from '#lib/features/reports/server/categories.ts';
import { presentServiceDefinition } from '#lib/features/reports/server/presenter.ts';
import { createReport, ReportError, storeUploadedPhoto } from '#lib/features/reports/server/service.ts';
import { MAX_PHOTOS, reportInputSchema } from '#lib/features/reports/schemas.ts';
import { readReportForm } from '#lib/features/reports/form.ts';
import { pick } from '#lib/i18n/localized.ts';
import { LISTED_MUNICIPALITIES } from '#lib/features/region/choice.ts';

export const load = async ({ url, locals }) => {
	const code = url.searchParams.get('kategorie');
	const [categories, firstMembers, attributions] = await Promise.all([
		listActiveCategories(db()),
		regionQueries.listMunicipalityNames(db(), LISTED_MUNICIPALITIES + 1),
		regionQueries.boundaryAttributions(db())
	]);
	// a cooperation's members and Ortsteile are lists; a national installation's eleven thousand are a text field
	const listed = firstMembers.length <= LISTED_MUNICIPALITIES;
	const districts = listed ? await regionQueries.listDistricts(db(), firstMembers.map((m) => m.id)) : [];
	const definition = code ? await findCategoryDefinition(db(), code) : undefined;
	if (code && !definition) error(404, 'Diese Kategorie gibt es nicht.');
	return {
		categories: categories.map(({ category }) => ({
			code: category.code,
			name: pick(category.name, locals.locale),
			description: category.description ? pick(category.description, locals.locale) : null,
			group: category.group,
			isPublic: category.isPublic
		})),
		chosen: definition
			? { code: definition.category.code, name: pick(definition.category.name, locals.locale), isPublic: definition.category.isPublic, ...presentServiceDefinition(definition.category, definition.attributes, locals.locale) }
			: null,
		municipalities: listed ? firstMembers.map((m) => ({ ags: m.ags, name: m.name, districts: districts.filter((d) => d.municipalityId === m.id).map((d) => ({ id: d.id, name: d.name })) })) : null,
		signedInAs: locals.actor.kind === 'user' ? (locals.actor.email ?? null) : null,
		map: mapConfig(attributions)
	};
};

const photoKeys = z.array(z.string().max(80)).max(MAX_PHOTOS);

export const actions = {
	default: async ({ request, locals, getClientAddress, url }) => {
		const form = await request.formData();
		const { raw, values } = readReportForm(form);
		// typed into the text field of a large installation: a name or an AGS, the schema wants the AGS
		let unknownMember = false;
		if (typeof raw.municipality === 'string' && raw.municipality.trim() && !/^\d{8}$/.test(raw.municipality)) {
			const named = await regionQueries.findMunicipalityNamed(db(), raw.municipality);
			unknownMember = !named;
			raw.municipality = named?.ags ?? raw.municipality;
		}
		const removed = new Set(form.getAll('removePhoto').map(String));
		const kept = photoKeys.catch([]).parse(form.getAll('photoKey').map(String)).filter((k) => !removed.has(k));
		const files = form.getAll('photos').filter((f): f is File => f instanceof File && f.size > 0);
		const region = await regionQueries.findRegion(db());
		const t = translator(locals.locale, { region: region?.name ?? '' });
		const failWith = (status: number, errors: Record<string, MessageKey>, message?: string) =>
			fail(status, { values, errors, photoKeys: kept, message });

		const limit = await consumeRateLimit(db(), `report:client:${getClientAddress()}`, 30, 3600);
		if (!limit.allowed) return failWith(429, { description: 'report.err.tooMany' });

		const errors: Record<string, MessageKey> = {};
		let storageFailed = false;
		if (kept.length + files.length > MAX_PHOTOS) errors.photos = 'report.err.photoCount';
		else {
			for (const file of files) {
				try {
					kept.push(await storeUploadedPhoto(storage(), Buffer.from(await file.arrayBuffer())));
				} catch (e) {
					if (e instanceof StorageError) {
						// not the sender's fault: said as such (503), the other fields still checked
						log.error({ err: e.message }, 'photo not stored');
						storageFailed = true;
						errors.photos = 'report.err.photoStorage';
						break;
					}
					if (!(e instanceof ReportError)) throw e;
					errors.photos = e.key;
				}
			}
		}
		const parsed = reportInputSchema.safeParse(raw);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message as MessageKey;
			if (unknownMember) errors.municipality = 'report.err.municipalityTyped';
		}
		if (!parsed.success || Object.keys(errors).length) return failWith(storageFailed ? 503 : 400, errors);

		try {
			const result = await createReport(
				db(),
				storage(),
				locals.actor,
				parsed.data,
				{ photos: kept, duplicatesSeen: form.get('duplicatesSeen') === '1', locale: locals.locale },
				mailContext(url)
			);
			if (result.kind === 'chooseMunicipality') return { step: 'municipality' as const, options: result.options, values, photoKeys: kept };
			if (result.kind === 'duplicates') {
				return {
					step: 'duplicates' as const,
					candidates: result.candidates.map((c) => ({ id: c.id, status: c.status, distance: c.distance, description: c.publicDescription, createdAt: c.createdAt.toISOString() })),
					values,
					photoKeys: kept
				};
			}
			await dispatchMails(result.mailIds);
			redirect(303, result.needsConfirmation ? `/anliegen/gesendet?nr=${result.id}` : `/anliegen/${result.id}?neu`);
		} catch (e) {
			if (!(e instanceof ReportError)) throw e;
			const message = e.field === 'location' ? t(e.key, e.params) : undefined;
			return failWith(400, { [e.field]: e.key }, message);
		}
	}
};
