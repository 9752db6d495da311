import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('the safe Markdown subset', () => {
	it('renders emphasis, lists and links, headings below the page’s own', () => {
		const html = renderMarkdown('# Programm\n\n- **Musik**\n- *Tanz*\n\n[Karten](https://example.org/karten)');
		expect(html).toContain('<h3>Programm</h3>');
		expect(html).toContain('<li><strong>Musik</strong></li>');
		expect(html).toContain('<a href="https://example.org/karten" rel="nofollow noopener external">Karten</a>');
	});

	it.each([
		'<script>alert(1)</script>',
		'<style>body{display:none}</style>',
		'<img src=x onerror="alert(1)">',
		'<a href="#" onclick="alert(1)">x</a>',
		'[klick](javascript:alert(1))',
		'[klick](data:text/html;base64,PHNjcmlwdD4=)',
		'![bild](https://example.org/x.png)',
		'<iframe src="https://example.org"></iframe>',
		'<svg onload=alert(1)>'
	])('lets nothing executable through: %s', (input) => {
		const html = renderMarkdown(input);
		expect(html).not.toMatch(/<(script|style|img|iframe|svg)\b/i);
		expect(html).not.toMatch(/<[^>]+\son\w+=/i);
		expect(html).not.toMatch(/href="(javascript|data):/i);
	});

	it('gives plain text for feeds and search', () => {
		expect(markdownToText('**Fest** am *See* & mehr <b>')).toBe('Fest am See & mehr <b>');
	});
});
