import { locales, pick } from '#lib/i18n/localized.ts';
import type { SearchSource } from '../../search/server/registry.ts';
import { getLeitbild } from './service.ts';

/** Leitbild domain: Präambel, Leitziele and Handlungsfelder with their history. */
export const leitbildSearchSource: SearchSource = {
	name: 'leitbild',
	label: { de: 'Leitbild', en: 'Mission statement' },
	version: 1,
	rebuiltAtStart: true,
	async documents(db) {
		const leitbild = await getLeitbild(db);
		if (!leitbild) return [];
		const { preamble, goals, actionFields } = leitbild.content;
		return locales.flatMap((locale) => {
			const t = (v: { de: string; en?: string }) => pick(v, locale).text;
			const goalWord = locale === 'de' ? 'Leitziel' : 'Goal';
			const fieldWord = locale === 'de' ? 'Handlungsfeld' : 'Action field';
			return [
				{ ref: 'preamble', locale, title: t(preamble.title), summary: t(preamble.statements[0]), body: preamble.statements.map(t).join(' '), url: '/leitbild#praeambel' },
				...actionFields.map((f) => ({
					ref: `field-${f.number}`,
					locale,
					title: `${fieldWord} ${f.number}: ${t(f.title)}`,
					summary: t(f.description),
					body: '',
					url: `/leitbild#handlungsfeld-${f.number}`
				})),
				...goals.map((g) => ({
					ref: `goal-${g.number}`,
					locale,
					title: `${goalWord} ${g.number}: ${t(g.shortTitle)}`,
					summary: t(g.text),
					body: '',
					url: `/leitbild#leitziel-${g.number}`
				}))
			];
		});
	}
};
