import type { OutgoingMail } from './queries.ts';

export type MailContent = {
	subject: string;
	/** Plain paragraphs; no markup. */
	paragraphs: string[];
	action?: { label: string; url: string };
	/** Small print under the main text (why this mail came, what to do if unexpected). */
	footer?: string;
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One mail as plain text and simple HTML with the same content. The HTML has no images, no
 * external resources and no tracking; the link is written out in full in both parts.
 */
export function composeMail(recipient: string, locale: string, content: MailContent): OutgoingMail {
	const text = [
		...content.paragraphs.flatMap((p) => [p, '']),
		...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
		...(content.footer ? ['-- ', content.footer] : [])
	].join('\n');
	const html = [
		`<!doctype html><html lang="${escape(locale)}"><head><meta charset="utf-8"><title>${escape(content.subject)}</title></head>`,
		'<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">',
		...content.paragraphs.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`),
		...(content.action
			? [`<p><a href="${escape(content.action.url)}" style="color:#0b5394;font-weight:bold">${escape(content.action.label)}</a></p>`,
				`<p style="font-size:14px">${escape(content.action.url)}</p>`]
			: []),
		...(content.footer ? [`<hr><p style="font-size:14px;color:#444">${escape(content.footer)}</p>`] : []),
		'</body></html>'
	].join('\n');
	return { recipient, subject: content.subject, body: text, html, locale };
}
