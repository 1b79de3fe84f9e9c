/**
 * How the dashboard writes its figures: percentages, ratios, money and intervals in the person's
 * locale, with a dash for "not enough data". Pure, given the i18n formatters.
 */
import type { I18n } from '$lib/i18n/context';
import type { Estimate } from '$lib/dashboard/model';

export const NONE = '—';

const percents = new Map<string, Intl.NumberFormat>();

export function percent(locale: string, value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	const key = `${locale}|${digits}`;
	let f = percents.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits });
		percents.set(key, f);
	}
	return f.format(value);
}

const decimals = new Map<string, Intl.NumberFormat>();

export function decimal(locale: string, value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
	const key = `${locale}|${digits}`;
	let f = decimals.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
		decimals.set(key, f);
	}
	return f.format(value);
}

export function money(i18n: I18n, minor: number | null | undefined, currency: string): string {
	if (minor === null || minor === undefined || !Number.isFinite(minor)) return NONE;
	// Costs can hold fractions of a cent; the figure shown is rounded to the currency's unit.
	return i18n.money(Math.round(minor) || 0, currency);
}

/** "12 – 34" with the given formatter; a dash without an estimate. */
export function range(e: Estimate | null | undefined, format: (n: number) => string): string {
	return e ? `${format(e.lower)} – ${format(e.upper)}` : NONE;
}

/** Clearly above zero, clearly below, or unclear (the interval spans zero). */
export function direction(e: Estimate | null | undefined): 'up' | 'down' | 'unclear' | null {
	if (!e) return null;
	if (e.lower > 0) return 'up';
	if (e.upper < 0) return 'down';
	return 'unclear';
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11` as "Nov 2026" / "2026年11月". */
export function monthLabel(locale: string, key: string): string {
	const [year, month] = key.split('-').map(Number);
	let f = monthFormats.get(locale);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
		monthFormats.set(locale, f);
	}
	return f.format(Date.UTC(year!, month! - 1, 1));
}
