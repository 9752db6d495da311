/**
 * The licences a region can put its data under, by the id its region file names, with the URI of
 * the DCAT-AP.de licence vocabulary (dcat-ap.de/def/licenses) that harvesters such as GovData read.
 */
export const licences = {
	'dl-de/by-2-0': { name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0', url: 'https://www.govdata.de/dl-de/by-2-0', dcat: 'http://dcat-ap.de/def/licenses/dl-by-de/2.0', attribution: true },
	'dl-de/zero-2-0': { name: 'Datenlizenz Deutschland – Zero – Version 2.0', url: 'https://www.govdata.de/dl-de/zero-2-0', dcat: 'http://dcat-ap.de/def/licenses/dl-zero-de/2.0', attribution: false },
	'cc-by-4.0': { name: 'Creative Commons Namensnennung 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/', dcat: 'http://dcat-ap.de/def/licenses/cc-by/4.0', attribution: true },
	'cc0-1.0': { name: 'Creative Commons Zero 1.0 (Public Domain Dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/', dcat: 'http://dcat-ap.de/def/licenses/cc-zero', attribution: false }
} as const;
export type LicenceId = keyof typeof licences;
export const licenceIds = Object.keys(licences) as [LicenceId, ...LicenceId[]];

/** The licence of an id; an unknown id (the region file is checked against the list) falls back to dl-de/by-2-0. */
export function licenceOf(id: string) {
	return { id, ...(licences[id as LicenceId] ?? licences['dl-de/by-2-0']) };
}

/** BKG-derived geometry keeps the licence of its source, whatever the region chose for its own data. */
export const boundariesLicence = licenceOf('dl-de/by-2-0');
