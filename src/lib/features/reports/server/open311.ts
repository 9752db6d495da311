import { db } from '#lib/server/runtime.ts';
import { regionQueries } from '../../region/server/index.ts';
import { isOpen311Format, open311Error, type Open311Format } from '../open311.ts';

/**
 * The parts every Open311 route shares: the format from the path, and jurisdiction_id, which may
 * be left out (one endpoint serves the whole region) or name the region or a member by its AGS.
 */
export async function open311Request(url: URL, formatParam: string, jurisdictionParam?: string | null): Promise<{ format: Open311Format; municipalityAgs?: string } | Response> {
	if (!isOpen311Format(formatParam)) return open311Error('json', 404, `Unbekanntes Format „${formatParam.slice(0, 20)}“: json oder xml.`);
	const format = formatParam;
	const jurisdiction = jurisdictionParam ?? url.searchParams.get('jurisdiction_id');
	if (jurisdiction) {
		const region = await regionQueries.findRegion(db());
		const known = jurisdiction === region?.id || (/^\d{8}$/.test(jurisdiction) && (await regionQueries.findMunicipality(db(), { ags: jurisdiction })));
		if (!known) return open311Error(format, 404, `jurisdiction_id „${jurisdiction.slice(0, 60)}“ ist hier nicht bekannt: die Region (${region?.id}) oder der Amtliche Gemeindeschlüssel einer Mitgliedskommune.`);
	}
	return { format, municipalityAgs: jurisdiction && /^\d{8}$/.test(jurisdiction) ? jurisdiction : undefined };
}
