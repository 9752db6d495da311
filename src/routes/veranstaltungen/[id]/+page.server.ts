import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { renderMarkdown, markdownToText } from '#lib/server/markdown.ts';
import { getPublicEvent } from '#lib/features/events/server/service.ts';
import { describeRule } from '#lib/features/events/recurrence.ts';
import { eventsPolicy } from '#lib/features/events/server/policy.ts';

/** A published event: what, when (the next dates of a repeating one), where, for whom, and its calendar file. */
export const load = async ({ params, url, locals }) => {
	let found;
	try {
		found = await getPublicEvent(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Veranstaltung gibt es nicht.');
		throw e;
	}
	const e = found.event;
	const next = found.upcoming[0] ?? { startsAt: e.startsAt, endsAt: e.endsAt };
	const place = [e.locationName, e.address].filter(Boolean).join(', ');
	const jsonLd = {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: e.title,
		description: markdownToText(e.description).slice(0, 500),
		startDate: e.allDay ? next.startsAt.toISOString().slice(0, 10) : next.startsAt.toISOString(),
		endDate: e.allDay ? new Date(next.endsAt.getTime() - 1).toISOString().slice(0, 10) : next.endsAt.toISOString(),
		eventStatus: e.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		isAccessibleForFree: e.isFree,
		url: `${url.origin}/veranstaltungen/${e.id}`,
		location: {
			'@type': 'Place',
			name: e.locationName ?? place,
			address: { '@type': 'PostalAddress', streetAddress: e.address ?? undefined, addressLocality: found.municipalityName, addressCountry: 'DE' },
			...(found.lat !== null && found.lon !== null ? { geo: { '@type': 'GeoCoordinates', latitude: found.lat, longitude: found.lon } } : {})
		},
		...(e.imageKey ? { image: `${url.origin}/veranstaltungen/${e.id}/bild` } : {}),
		...(e.organiser ? { organizer: { '@type': 'Organization', name: e.organiser } } : {})
	};
	return {
		event: {
			id: e.id,
			title: e.title,
			descriptionHtml: renderMarkdown(e.description),
			allDay: e.allDay,
			recurrence: e.rrule ? { de: describeRule(e.rrule, 'de'), en: describeRule(e.rrule, 'en') } : null,
			place,
			municipality: { name: found.municipalityName, slug: found.municipalitySlug },
			point: found.lat !== null && found.lon !== null ? { lat: found.lat, lon: found.lon } : null,
			categories: e.categories,
			isFree: e.isFree,
			price: e.price,
			organiser: e.organiser,
			contact: e.contact,
			registrationUrl: e.registrationUrl,
			accessible: e.accessible,
			accessibilityNotes: e.accessibilityNotes,
			image: e.imageKey ? { src: `/veranstaltungen/${e.id}/bild`, alt: e.imageAlt ?? '' } : null,
			cancelled: e.cancelled
		},
		dates: found.upcoming.map((o) => ({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
		// a data block, not a script: "<" is escaped so the text cannot close the element
		jsonLdElement: `<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>`,
		canEdit: eventsPolicy.publish(locals.actor, e.municipalityAgs)
	};
};
