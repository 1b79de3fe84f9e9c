import { getContext, setContext } from 'svelte';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatRelative } from './format';
import type { Locale } from './locales';
import { translate, type MessageKey, type Params } from './translate';

export interface I18n {
	readonly locale: Locale;
	t(key: MessageKey, params?: Params): string;
	number(value: number): string;
	money(minor: number, currency: string): string;
	date(epochMs: number, timeZone?: string): string;
	dateTime(epochMs: number, timeZone?: string): string;
	relative(epochMs: number): string;
}

const KEY = Symbol('i18n');

/**
 * Set once by the root layout. The locale is read through a getter on every call, so text updates
 * when the person switches language, and no module-level state is shared between SSR requests.
 */
export function setI18n(getLocale: () => Locale): I18n {
	const i18n: I18n = {
		get locale() {
			return getLocale();
		},
		t: (key, params) => translate(getLocale(), key, params),
		number: (value) => formatNumber(getLocale(), value),
		money: (minor, currency) => formatMoney(getLocale(), minor, currency),
		date: (ms, tz) => formatDate(getLocale(), ms, tz),
		dateTime: (ms, tz) => formatDateTime(getLocale(), ms, tz),
		relative: (ms) => formatRelative(getLocale(), ms)
	};
	setContext(KEY, i18n);
	return i18n;
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
