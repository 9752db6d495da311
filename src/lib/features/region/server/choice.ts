import type { Db } from '#lib/server/db/client.ts';
import { LISTED_MUNICIPALITIES, municipalityChoice } from '../choice.ts';
import * as queries from './queries.ts';

/**
 * A page's member filter from the address's `kommune` (slug, AGS or name): the member it names,
 * looked up in the database, and what the filter shows. Only a cooperation's few members are read
 * as a list; a national installation's eleven thousand never leave the database.
 */
export async function readMunicipalityChoice(db: Db, typed: string | null | undefined) {
	const [municipality, firstMembers] = await Promise.all([
		queries.findMunicipalityNamed(db, typed),
		queries.listMunicipalityNames(db, LISTED_MUNICIPALITIES + 1)
	]);
	return { municipality, choice: municipalityChoice(firstMembers, municipality, typed) };
}

/** The members a page names one by one: all of a cooperation's; of a larger installation only how many there are. */
export async function listedMembers(db: Db) {
	const firstMembers = await queries.listMunicipalityNames(db, LISTED_MUNICIPALITIES + 1);
	if (firstMembers.length <= LISTED_MUNICIPALITIES) return { count: firstMembers.length, members: firstMembers };
	return { count: await queries.countMunicipalities(db), members: null };
}
