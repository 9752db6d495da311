import { error } from '@sveltejs/kit';
import { DateTime } from 'luxon';
import { db } from '#lib/server/runtime.ts';
import { mapConfig } from '#lib/server/map.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { renderMarkdown, markdownToText } from '#lib/server/markdown.ts';
import { regionQueries } from '#lib/features/region/server/index.ts';
import { getPublicPlace } from '#lib/features/places/server/service.ts';
import { placesPolicy } from '#lib/features/places/server/policy.ts';
import { openingState, weekTable } from '#lib/features/places/opening-hours.ts';

/** A place: what it is, where, when it is open (now and this week, Saxony's holidays included), what is on there. */
export const load = async ({ params, url, locals }) => {
	let found;
	try {
		found = await getPublicPlace(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diesen Ort gibt es nicht.');
		throw e;
	}
	const p = found.place;
	const now = new Date();
	const hours = p.openingHours ? { now: openingState(p.openingHours, now), week: weekTable(p.openingHours, DateTime.now().setZone('Europe/Berlin').toISODate()!) } : null;
	const jsonLd = {
		'@context': 'https://schema.org',
		'@type': 'Place',
		name: p.name,
		description: markdownToText(p.description).slice(0, 500),
		address: { '@type': 'PostalAddress', streetAddress: p.address ?? undefined, addressLocality: found.municipalityName, addressCountry: 'DE' },
		geo: { '@type': 'GeoCoordinates', latitude: found.lat, longitude: found.lon },
		...(p.openingHours ? { openingHours: p.openingHours } : {}),
		...(p.website ? { url: p.website } : {}),
		...(p.imageKey ? { image: `${url.origin}/orte/${p.id}/bild` } : {}),
		amenityFeature: [
			{ '@type': 'LocationFeatureSpecification', name: 'wheelchairAccessible', value: p.stepFree },
			{ '@type': 'LocationFeatureSpecification', name: 'toilet', value: p.toilet },
			{ '@type': 'LocationFeatureSpecification', name: 'parking', value: p.parking }
		]
	};
	return {
		place: {
			id: p.id,
			name: p.name,
			category: p.category,
			descriptionHtml: renderMarkdown(p.description),
			address: p.address,
			municipality: { name: found.municipalityName, slug: found.municipalitySlug },
			point: { lat: found.lat, lon: found.lon },
			openingHours: p.openingHours,
			stepFree: p.stepFree,
			toilet: p.toilet,
			parking: p.parking,
			contact: p.contact,
			website: p.website,
			image: p.imageKey ? { src: `/orte/${p.id}/bild`, alt: p.imageAlt ?? '' } : null
		},
		hours: hours && { open: hours.now.open, unknown: hours.now.unknown, nextChange: hours.now.nextChange?.toISOString() ?? null, week: hours.week },
		events: found.events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt.toISOString(), allDay: e.allDay })),
		map: mapConfig(await regionQueries.boundaryAttributions(db())),
		jsonLdElement: `<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>`,
		canEdit: placesPolicy.edit(locals.actor, p.municipalityAgs)
	};
};
