import MarkdownIt from 'markdown-it';

/**
 * The safe Markdown subset for texts from editors, organisers and citizens: paragraphs, emphasis,
 * lists, quotes, headings (shown from level 3 down, below the page's own), line breaks and links.
 * Raw HTML is never passed through (it is shown as text), images are not rendered, and links are
 * only http(s) and mailto; they open as external, nofollow links.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
md.disable(['image', 'html_block', 'html_inline']);
md.validateLink = (url) => /^(https?:\/\/|mailto:)/i.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
	tokens[idx].attrSet('rel', 'nofollow noopener external');
	return self.renderToken(tokens, idx, options);
};
md.core.ruler.push('shift_headings', (state) => {
	for (const token of state.tokens) {
		if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
	}
});

export function renderMarkdown(text: string): string {
	return md.render(text);
}

/** The text without its markup, for summaries, feeds and search. */
export function markdownToText(text: string): string {
	return md
		.render(text)
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
