import type { Locale } from './locales';

// Intl formatters are costly to build and pure, so each combination is built once.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
	key: string,
	make: () => T
): T {
	let formatter = cache.get(key) as T | undefined;
	if (!formatter) {
		formatter = make();
		cache.set(key, formatter);
	}
	return formatter;
}

export function formatNumber(locale: Locale, value: number): string {
	return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** Money is stored in minor units; the currency decides how many of them make one major unit. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
	const formatter = cached(
		`m|${locale}|${currency}`,
		() => new Intl.NumberFormat(locale, { style: 'currency', currency })
	);
	const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
	return formatter.format(minor / 10 ** digits);
}

export function formatDateTime(locale: Locale, epochMs: number, timeZone = 'UTC'): string {
	return cached(
		`dt|${locale}|${timeZone}`,
		() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
	).format(epochMs);
}

export function formatDate(locale: Locale, epochMs: number, timeZone = 'UTC'): string {
	return cached(
		`d|${locale}|${timeZone}`,
		() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone })
	).format(epochMs);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600 * 1000],
	['month', 30 * 24 * 3600 * 1000],
	['day', 24 * 3600 * 1000],
	['hour', 3600 * 1000],
	['minute', 60 * 1000]
];

export function formatRelative(locale: Locale, epochMs: number, now = Date.now()): string {
	const formatter = cached(
		`r|${locale}`,
		() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
	);
	const diff = epochMs - now;
	for (const [unit, size] of UNITS) {
		if (Math.abs(diff) >= size) return formatter.format(Math.round(diff / size), unit);
	}
	return formatter.format(0, 'minute');
}
