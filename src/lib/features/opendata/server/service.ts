import type { Db } from '#lib/server/db/client.ts';
import { openDatasets } from '#lib/server/domains.ts';
import { formatsOf, type AnyDataset, type DatasetFormat } from '#lib/server/opendata/dataset.ts';
import { pick, type Locale } from '#lib/i18n/localized.ts';
import { boundariesLicence, licenceOf } from '../licences.ts';
import { datasetsWithModified, type CatalogInput, type Coverage } from './catalog.ts';
import { LISTED_MUNICIPALITIES } from '../../region/choice.ts';
import * as queries from './queries.ts';

/** Open data: the datasets every domain offers, described for people (the page) and machines (DCAT). */
export function findDataset(id: string): AnyDataset | undefined {
	return openDatasets.find((d) => d.id === id);
}

/** `massnahmen.csv` → the dataset and format, when the dataset is offered in it. */
export function parseDownload(file: string): { dataset: AnyDataset; format: DatasetFormat } | undefined {
	const m = /^([a-z0-9-]{1,60})\.(csv|json|geojson)$/.exec(file);
	const dataset = m ? findDataset(m[1]) : undefined;
	const format = m?.[2] as DatasetFormat | undefined;
	return dataset && format && formatsOf(dataset).includes(format) ? { dataset, format } : undefined;
}

async function regionFacts(db: Db) {
	const [region, firstMembers, attribution] = await Promise.all([queries.findRegion(db), queries.listMembers(db, LISTED_MUNICIPALITIES + 1), queries.boundaryAttribution(db)]);
	if (!region) throw new Error('Die Region ist noch nicht eingerichtet.');
	// a cooperation's datasets cover its members one by one; a national installation's, its Länder
	const coverage: Coverage =
		firstMembers.length <= LISTED_MUNICIPALITIES ? { members: firstMembers, count: firstMembers.length, states: [] } : { members: null, ...(await queries.memberStates(db)) };
	return { region, coverage, attribution: attribution ?? '© GeoBasis-DE / BKG' };
}

export async function catalogInput(db: Db, origin: string): Promise<CatalogInput> {
	const { region, coverage, attribution } = await regionFacts(db);
	return {
		origin,
		region: { name: region.name, description: region.description.de, dataLicence: region.dataLicence, coordinationOffice: region.coordinationOffice, boundaryAttribution: attribution },
		coverage,
		datasets: await datasetsWithModified(db, openDatasets)
	};
}

/** The datasets as the open data page lists them. */
export async function describeDatasets(db: Db, locale: Locale, only?: AnyDataset) {
	const { region, coverage, attribution } = await regionFacts(db);
	const platform = licenceOf(region.dataLicence);
	const list = await datasetsWithModified(db, only ? [only] : openDatasets);
	return {
		coverage,
		datasets: list.map(({ dataset, modified }) => {
			const licence = dataset.licence === 'boundaries' ? boundariesLicence : platform;
			return {
				id: dataset.id,
				title: pick(dataset.title, locale),
				description: pick(dataset.description, locale),
				keywords: dataset.keywords,
				modified: modified?.toISOString() ?? null,
				licence: { name: licence.name, url: licence.url, attribution: licence.attribution ? (dataset.licence === 'boundaries' ? attribution : region.coordinationOffice.name ?? region.name) : null },
				formats: formatsOf(dataset).map((format) => ({ format, href: `/opendaten/daten/${dataset.id}.${format}` })),
				columns: dataset.columns.map((c) => ({ name: c.name, description: c.description }))
			};
		})
	};
}
