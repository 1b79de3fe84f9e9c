/**
 * How the results page writes its figures: rates and lifts as percentages, intervals as
 * "3% to 21%", p-values and chances without false precision. Pure and locale-aware, so the page,
 * its plain-language summary and their tests agree on every figure.
 */
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import type { Comparison, Interval } from './stats';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, key: string, options: Intl.NumberFormatOptions) {
	const id = `${locale}|${key}`;
	let f = formatters.get(id);
	if (!f) {
		f = new Intl.NumberFormat(locale, options);
		formatters.set(id, f);
	}
	return f;
}

const DASH = '—';

/** 0.1234 → "12.3%". Small rates keep two decimals (0.0123 → "1.23%"). */
export function percent(locale: Locale, value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	const digits = Math.abs(value) < 0.1 && value !== 0 ? 2 : 1;
	return formatter(locale, `p${digits}`, {
		style: 'percent',
		minimumFractionDigits: 0,
		maximumFractionDigits: digits
	}).format(value);
}

/** A lift with its sign: 0.12 → "+12%", -0.031 → "-3.1%". */
export function signedPercent(locale: Locale, value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	return formatter(locale, 'sp', {
		style: 'percent',
		maximumFractionDigits: 1,
		signDisplay: 'exceptZero'
	}).format(value);
}

/** "3% to 21%" (or "3% 至 21%"), with any figure formatter. */
export function intervalText(
	locale: Locale,
	interval: Interval | null | undefined,
	format: (n: number) => string = (n) => signedPercent(locale, n)
): string {
	if (!interval || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper))
		return DASH;
	return translate(locale, 'experiments.format.interval', {
		lower: format(interval.lower),
		upper: format(interval.upper)
	});
}

/** "< 0.001" below a thousandth (more digits there mean nothing), else three decimals. */
export function pValueText(locale: Locale, p: number | null | undefined): string {
	if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
	const f = formatter(locale, 'pv', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
	if (p < 0.001) return `< ${f.format(0.001)}`;
	return f.format(Math.min(p, 1));
}

/** A probability as a percentage, never "100%" or "0%" (nothing is certain). */
export function chanceText(locale: Locale, chance: number | null | undefined): string {
	if (chance === null || chance === undefined || !Number.isFinite(chance)) return DASH;
	const f = formatter(locale, 'ch', { style: 'percent', maximumFractionDigits: 1 });
	if (chance > 0.999) return `> ${f.format(0.999)}`;
	if (chance < 0.001) return `< ${f.format(0.001)}`;
	return formatter(locale, 'ch0', { style: 'percent', maximumFractionDigits: 0 }).format(chance);
}

/** The relative lift to show, with the interval and p-value of the mode the person chose. */
export interface ShownLift {
	estimate: number;
	interval: Interval;
	pValue: number;
}

/**
 * Fixed-horizon figures, or the always-valid ones when `sequential`. The always-valid interval
 * is for the absolute difference; dividing by the control's value turns it into a relative one
 * (the control's own noise aside), which is what a person reading "lift" expects.
 */
export function shownLift(
	comparison: Comparison | null | undefined,
	sequential: boolean,
	controlValue: number
): ShownLift | null {
	if (!comparison) return null;
	if (!sequential || !comparison.alwaysValid) {
		return {
			estimate: comparison.relativeLift,
			interval: comparison.relativeInterval,
			pValue: comparison.pValue
		};
	}
	const { differenceInterval, pValue } = comparison.alwaysValid;
	const base = controlValue > 0 ? controlValue : Number.NaN;
	return {
		estimate: comparison.relativeLift,
		interval: { lower: differenceInterval.lower / base, upper: differenceInterval.upper / base },
		pValue
	};
}

/** Whether an interval leaves out zero on the good side, the bad side, or not at all. */
export function intervalSide(interval: Interval | null | undefined): 'above' | 'below' | 'spans' {
	if (!interval) return 'spans';
	if (interval.lower > 0) return 'above';
	if (interval.upper < 0) return 'below';
	return 'spans';
}
