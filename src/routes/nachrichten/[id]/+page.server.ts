import { error } from '@sveltejs/kit';
import { db } from '#lib/server/runtime.ts';
import { NotFoundError } from '#lib/server/actor.ts';
import { renderMarkdown } from '#lib/server/markdown.ts';
import { getPublicNews } from '#lib/features/news/server/service.ts';
import { newsPolicy } from '#lib/features/news/server/policy.ts';

/** One news item with schema.org NewsArticle data. */
export const load = async ({ params, url, locals }) => {
	let found;
	try {
		found = await getPublicNews(db(), /^\d{1,9}$/.test(params.id) ? Number(params.id) : -1);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Diese Nachricht gibt es nicht.');
		throw e;
	}
	const n = found.news;
	const jsonLd = {
		'@context': 'https://schema.org',
		'@type': 'NewsArticle',
		headline: n.title,
		description: n.teaser,
		datePublished: n.publishAt!.toISOString(),
		dateModified: n.updatedAt.toISOString(),
		author: { '@type': 'Organization', name: n.author },
		url: `${url.origin}/nachrichten/${n.id}`,
		...(n.imageKey ? { image: `${url.origin}/nachrichten/${n.id}/bild` } : {})
	};
	return {
		news: {
			id: n.id,
			title: n.title,
			teaser: n.teaser,
			bodyHtml: renderMarkdown(n.body),
			author: n.author,
			publishAt: n.publishAt!.toISOString(),
			archived: n.status === 'archived',
			municipality: found.municipalityName ? { name: found.municipalityName, slug: found.municipalitySlug! } : null,
			image: n.imageKey ? { src: `/nachrichten/${n.id}/bild`, alt: n.imageAlt ?? '' } : null
		},
		jsonLdElement: `<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>`,
		canEdit: newsPolicy.write(locals.actor, n.municipalityAgs)
	};
};
