import { pick, locales } from '#lib/i18n/localized.ts';
import type { SearchSource } from '../../search/server/registry.ts';
import * as queries from './queries.ts';

/** Region domain: the cooperation and its member municipalities with their Ortsteile. */
export const regionSearchSource: SearchSource = {
	name: 'municipality',
	label: { de: 'Kommune', en: 'Municipality' },
	version: 1,
	async documents(db) {
		const [municipalities, districts] = await Promise.all([queries.listMunicipalities(db), queries.listDistricts(db)]);
		return municipalities.flatMap((m) =>
			locales.map((locale) => {
				const names = districts.filter((d) => d.municipalityId === m.id).map((d) => d.name);
				return {
					ref: m.ags,
					locale,
					title: m.name,
					summary: `${m.kind} · ${names.join(', ')}`,
					body: `${pick(m.description, locale).text} ${names.join(' ')}`,
					url: `/kommunen/${m.slug}`
				};
			})
		);
	}
};

export * as regionQueries from './queries.ts';
export { importRegion, hasRegion, readRegionDir, locatePoint, importReferenceMunicipalities } from './service.ts';
