import { json } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { translator } from '#lib/i18n/index.ts';
import { locatePoint, regionQueries } from '#lib/features/region/server/index.ts';
import { nearbyOpenReports } from '#lib/features/reports/server/service.ts';
import { nearestAddress } from '#lib/features/addresses/server/service.ts';

/**
 * For the report form's map: who is responsible for a point, in words, and how many open reports
 * of the category are near it. The form's submission decides again on the server.
 */
export const GET = async ({ url, locals }) => {
	const lat = Number(url.searchParams.get('lat'));
	const lon = Number(url.searchParams.get('lon'));
	if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
		return json({ error: 'lat and lon required' }, { status: 400 });
	}
	const region = await regionQueries.findRegion(db());
	const t = translator(locals.locale, { region: region?.name ?? '' });
	const located = await locatePoint(db(), lon, lat);
	if (!located.inside) {
		const message = located.place ? t('report.err.outsideNamed', { place: located.place.name, district: located.place.district ?? '' }) : t('report.err.outside');
		return json({ inside: false, message, duplicates: 0 });
	}
	const category = url.searchParams.get('kategorie') ?? '';
	const duplicates = category ? (await nearbyOpenReports(db(), category, lon, lat)).length : 0;
	const names = [located.municipality, ...located.nearby].map((m) => m.name);
	const address = await nearestAddress(db(), lon, lat);
	const message = [located.nearby.length ? t('report.form.nearBorder', { names: names.join(', ') }) : t('report.form.responsible', { municipality: located.municipality.name }), address ? t('report.form.nearestAddress', { address }) : '']
		.filter(Boolean)
		.join(' ');
	return json({ inside: true, municipality: located.municipality.ags, address: address ?? null, message, duplicates }, { headers: { 'cache-control': 'no-store' } });
};
