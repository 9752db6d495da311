import type { Dataset, PersonalField } from '#lib/server/opendata/dataset.ts';
import { keysetPage } from '#lib/server/opendata/dataset.ts';
import { lastChange } from '#lib/server/opendata/queries.ts';
import { listReports } from './queries.ts';
import { presentPublicReport, type PublicReport } from './presenter.ts';

type ReportRecord = PublicReport & { url: string };

/**
 * Reports of public categories, oldest first, as the public sees them (presentPublicReport): the
 * text staff released, never the original, the reporter or internal notes.
 */
export const reportsDataset: Dataset<ReportRecord, number> = {
	id: 'anliegen',
	title: { de: 'Anliegen (Mängelmeldungen)', en: 'Reports (issues)' },
	description: {
		de: 'Die Anliegen der Bürgerinnen und Bürger in öffentlichen Kategorien mit Kategorie, Status, zuständiger Kommune, Ort und dem freigegebenen Text; ohne Angaben zur meldenden Person.',
		en: 'Citizens’ reports in public categories with category, status, responsible municipality, place and the released text; without anything about the person who reported.'
	},
	keywords: ['Anliegen', 'Mängelmelder', 'Open311', 'Schäden', 'Straßen'],
	themes: ['GOVE', 'TRAN'],
	licence: 'platform',
	columns: [
		{ name: 'id', description: 'Nummer des Anliegens', value: (r) => r.id },
		{ name: 'category', description: 'Kategorie (Code)', value: (r) => r.category.code },
		{ name: 'category_name', description: 'Kategorie', value: (r) => r.category.name },
		{ name: 'status', description: 'received, reviewing, in_progress, done, rejected, forwarded', value: (r) => r.status },
		{ name: 'municipality', description: 'AGS der zuständigen Kommune', value: (r) => r.municipality.ags },
		{ name: 'municipality_name', description: 'Zuständige Kommune', value: (r) => r.municipality.name },
		{ name: 'district', description: 'Ortsteil', value: (r) => r.district },
		{ name: 'description', description: 'Von der Kommune freigegebener Text', value: (r) => r.description },
		{ name: 'address', description: 'Nächste Adresse', value: (r) => r.address },
		{ name: 'lat', description: 'Breite (WGS 84)', value: (r) => r.point?.lat },
		{ name: 'lon', description: 'Länge (WGS 84)', value: (r) => r.point?.lon },
		{ name: 'photos', description: 'Freigegebene Fotos', value: (r) => r.photos },
		{ name: 'supports', description: 'Unterstützungen', value: (r) => r.supports },
		{ name: 'created_at', description: 'Gemeldet (ISO 8601)', value: (r) => r.createdAt },
		{ name: 'updated_at', description: 'Letzte Änderung (ISO 8601)', value: (r) => r.updatedAt },
		{ name: 'url', description: 'Seite des Anliegens', value: (r) => r.url }
	],
	async page(db, after, limit, origin) {
		const rows = await listReports(db, { publicOnly: true, oldestFirst: true, beforeId: after, limit });
		return keysetPage(
			rows,
			limit,
			(r) => ({ ...presentPublicReport(r), url: `${origin}/anliegen/${r.id}` }),
			(r) => r.id
		);
	},
	geometry: (r) => (r.point ? { type: 'Point', coordinates: [r.point.lon, r.point.lat] } : null),
	modified: (db) => lastChange(db, 'report', 'updated_at', 'confirmed_at is not null')
};

/** Who reported, how they described the place, who supported, which staff member acted. The original text is not listed: staff may release it unchanged. */
export const reportsPersonalFields: PersonalField[] = [
	{ table: 'report', column: 'reporter_name' },
	{ table: 'report', column: 'reporter_email' },
	{ table: 'report', column: 'place_description' },
	{ table: 'report_support', column: 'email' },
	{ table: 'report_event', column: 'actor_name' }
];
