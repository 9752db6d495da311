/**
 * The post forms of a page as a browser would submit them: one entry per action (a button with
 * its own `formaction` is an action of its own), with the values the page filled in. Enough HTML
 * reading for the platform's own server-rendered markup, not a general parser.
 */
/** `files`: the file inputs, each with what it accepts. */
export type PostForm = { page: string; action: string; enctype: string; fields: [string, string][]; files: [string, string][] };

const decode = (s: string) =>
	s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
	const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return m ? decode(m[1]) : undefined;
};
const has = (tag: string, name: string) => new RegExp(`\\s${name}(?=[\\s>=/])`).test(tag);

/** The action's name: `?/status` → `status`, no `?/` → `default`. */
export const actionName = (action: string) => /\?\/([a-zA-Z]+)/.exec(action)?.[1] ?? 'default';

export function postForms(html: string, page: string): PostForm[] {
	const forms: PostForm[] = [];
	for (const [, open, inner] of html.matchAll(/<form(\s[^>]*)>([\s\S]*?)<\/form>/g)) {
		if (!/method="post"/i.test(open)) continue;
		const fields: [string, string][] = [];
		const files: [string, string][] = [];
		for (const [tag] of inner.matchAll(/<input\s[^>]*>/g)) {
			const name = attr(tag, 'name');
			const type = attr(tag, 'type') ?? 'text';
			if (name && type === 'file') files.push([name, attr(tag, 'accept') ?? '']);
			if (!name || type === 'file' || type === 'submit') continue;
			if ((type === 'checkbox' || type === 'radio') && !has(tag, 'checked')) continue;
			fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
		}
		for (const [, tag, options] of inner.matchAll(/<select(\s[^>]*)>([\s\S]*?)<\/select>/g)) {
			const name = attr(tag, 'name');
			if (!name) continue;
			const all = [...options.matchAll(/<option(\s[^>]*)?>([\s\S]*?)<\/option>/g)].map(([, o = '', text]) => ({ value: attr(o, 'value') ?? decode(text.trim()), selected: has(o, 'selected') }));
			const chosen = all.filter((o) => o.selected);
			for (const o of chosen.length ? chosen : has(tag, 'multiple') ? [] : all.slice(0, 1)) fields.push([name, o.value]);
		}
		for (const [, tag, text] of inner.matchAll(/<textarea(\s[^>]*)>([\s\S]*?)<\/textarea>/g)) {
			const name = attr(tag, 'name');
			if (name) fields.push([name, decode(text)]);
		}
		const base = { page, enctype: attr(open, 'enctype') ?? 'application/x-www-form-urlencoded', files };
		const buttons = [...inner.matchAll(/<button(\s[^>]*)>/g)].map(([, tag]) => tag);
		const ownActions = buttons.filter((b) => attr(b, 'formaction'));
		// a named submit button sends its value (e.g. decision=approve): the first one stands for the form
		const named = buttons.find((b) => attr(b, 'name') && !attr(b, 'formaction'));
		const withButton = named ? [...fields, [attr(named, 'name')!, attr(named, 'value') ?? ''] as [string, string]] : fields;
		if (!ownActions.length || buttons.some((b) => !attr(b, 'formaction') && (attr(b, 'type') ?? 'submit') === 'submit')) forms.push({ ...base, action: attr(open, 'action') ?? '', fields: withButton });
		for (const b of ownActions) {
			const extra: [string, string][] = attr(b, 'name') ? [[attr(b, 'name')!, attr(b, 'value') ?? '']] : [];
			forms.push({ ...base, action: attr(b, 'formaction')!, fields: [...fields, ...extra] });
		}
	}
	return forms;
}
