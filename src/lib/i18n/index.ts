import { getContext, setContext } from 'svelte';
import { de, type MessageKey } from './messages/de.ts';
import { en } from './messages/en.ts';
import type { Locale } from './localized.ts';

export { pick, locales, type Locale, type Localized } from './localized.ts';
export type { MessageKey };

export const catalogues = { de, en } as const;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const numberFormat = { de: new Intl.NumberFormat('de-DE'), en: new Intl.NumberFormat('en-GB') };

/** `defaults` fill placeholders every page shares, e.g. `{region}` with the cooperation's name. */
export function translator(locale: Locale, defaults: Record<string, string> = {}): Translate {
	const messages = catalogues[locale];
	return (key, params) =>
		messages[key].replace(/\{(\w+)\}/g, (_, name: string) => {
			const value = params?.[name] ?? defaults[name];
			if (value === undefined) return `{${name}}`;
			return typeof value === 'number' ? numberFormat[locale].format(value) : value;
		});
}

/** A count in running text: one to twelve as a word ("die sieben Kommunen"), larger ones as figures. */
export function countWord(locale: Locale, n: number) {
	const words = {
		de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'],
		en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
	}[locale];
	return Number.isInteger(n) && n >= 2 && n < words.length ? words[n] : numberFormat[locale].format(n);
}

export function formatNumber(locale: Locale, value: number, digits = 0) {
	return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatDate(locale: Locale, iso: string | Date) {
	const date = typeof iso === 'string' ? new Date(`${iso.slice(0, 10)}T12:00:00Z`) : iso;
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(date);
}

/** An instant (ISO timestamp) as a Berlin date, with the time of day if asked. */
export function formatInstant(locale: Locale, iso: string, withTime = false) {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

const key = Symbol('i18n');
export type I18n = { locale: Locale; t: Translate };

export function setI18n(value: () => I18n) {
	setContext(key, value);
}
/** In a component: `const i18n = useI18n();` then `i18n().t('key')`. */
export function useI18n(): () => I18n {
	return getContext(key);
}
