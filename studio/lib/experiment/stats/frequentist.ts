/**
 * Fixed-horizon tests of treatment against control: the two-proportion z-test for rates and
 * Welch's t-test for means, with intervals for the absolute difference and, by the delta method,
 * for the relative lift. Inputs that cannot be analysed (no units, conversions above units,
 * non-finite numbers) give NaN everywhere rather than throwing, so a results page can render
 * whatever state an experiment is in.
 */
import { normalQuantile, normalSf, studentTQuantile, studentTSf } from './distributions';
import { alwaysValid, mixingSd } from './sequential';
import {
	DEFAULT_ALPHA,
	type CompareOptions,
	type Comparison,
	type Interval,
	type MeanData,
	type ProportionData
} from './types';

const UNKNOWN: Interval = { lower: NaN, upper: NaN };

function unknownComparison(sequential: boolean): Comparison {
	const result: Comparison = {
		difference: NaN,
		differenceInterval: { ...UNKNOWN },
		relativeLift: NaN,
		relativeInterval: { ...UNKNOWN },
		pValue: NaN
	};
	if (sequential) result.alwaysValid = { pValue: NaN, differenceInterval: { ...UNKNOWN } };
	return result;
}

/**
 * (t - c) / c with a delta-method interval. With T and C independent estimates,
 * Var(T/C) ≈ Var(T)/C² + T²·Var(C)/C⁴. A control of 0 has no relative scale: the lift is
 * +/-Infinity (NaN when both are 0) and the interval is NaN on both ends.
 */
export function relativeLift(
	treatment: number,
	treatmentVariance: number,
	control: number,
	controlVariance: number,
	multiplier: number
): { relativeLift: number; relativeInterval: Interval } {
	if (control === 0) {
		const lift = treatment === 0 ? NaN : treatment > 0 ? Infinity : -Infinity;
		return { relativeLift: lift, relativeInterval: { ...UNKNOWN } };
	}
	const lift = treatment / control - 1;
	const c2 = control * control;
	const variance = treatmentVariance / c2 + (treatment * treatment * controlVariance) / (c2 * c2);
	const half = multiplier * Math.sqrt(variance);
	return { relativeLift: lift, relativeInterval: { lower: lift - half, upper: lift + half } };
}

function validAlpha(alpha: number | undefined): number {
	const a = alpha ?? DEFAULT_ALPHA;
	return a > 0 && a < 1 ? a : NaN;
}

/** p-value of a test statistic whose standard error may be 0: certain unless the estimate is 0. */
function degenerateP(difference: number): number {
	return difference === 0 ? 1 : 0;
}

/**
 * Two-proportion z-test. The p-value uses the pooled standard error (the null says both rates
 * are equal); the interval for the difference uses the unpooled one (no such assumption).
 */
export function compareProportions(
	control: ProportionData,
	treatment: ProportionData,
	options: CompareOptions = {}
): Comparison {
	const sequential = options.sequential === true;
	const alpha = validAlpha(options.alpha);
	const valid = (d: ProportionData) =>
		Number.isFinite(d.units) &&
		Number.isFinite(d.conversions) &&
		d.units > 0 &&
		d.conversions >= 0 &&
		d.conversions <= d.units;
	if (!valid(control) || !valid(treatment) || Number.isNaN(alpha)) {
		return unknownComparison(sequential);
	}
	const pc = control.conversions / control.units;
	const pt = treatment.conversions / treatment.units;
	const difference = pt - pc;
	const pooled = (control.conversions + treatment.conversions) / (control.units + treatment.units);
	const nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.units + 1 / treatment.units));
	const pValue = nullSe > 0 ? Math.min(1, 2 * normalSf(Math.abs(difference / nullSe))) : 1;
	const varC = (pc * (1 - pc)) / control.units;
	const varT = (pt * (1 - pt)) / treatment.units;
	const se = Math.sqrt(varC + varT);
	const z = normalQuantile(1 - alpha / 2);
	const result: Comparison = {
		difference,
		differenceInterval: { lower: difference - z * se, upper: difference + z * se },
		...relativeLift(pt, varT, pc, varC, z),
		pValue
	};
	if (sequential) {
		const tau = mixingSd(options, pooled, Math.sqrt(pooled * (1 - pooled)));
		result.alwaysValid = alwaysValid(difference, se * se, tau, alpha);
	}
	return result;
}

/**
 * Welch's t-test (unequal variances) with Welch–Satterthwaite degrees of freedom. The intervals
 * for the difference and the relative lift both use the t quantile at those degrees of freedom.
 * Each group needs at least 2 units for its variance to mean anything.
 */
export function compareMeans(
	control: MeanData,
	treatment: MeanData,
	options: CompareOptions = {}
): Comparison {
	const sequential = options.sequential === true;
	const alpha = validAlpha(options.alpha);
	const valid = (d: MeanData) =>
		Number.isFinite(d.units) &&
		Number.isFinite(d.mean) &&
		Number.isFinite(d.variance) &&
		d.units >= 2 &&
		d.variance >= 0;
	if (!valid(control) || !valid(treatment) || Number.isNaN(alpha)) {
		return unknownComparison(sequential);
	}
	const difference = treatment.mean - control.mean;
	const varC = control.variance / control.units;
	const varT = treatment.variance / treatment.units;
	const { standardError: se, df, pValue } = welchTTest(control, treatment);
	// With se = 0 the multiplier does not matter; df is NaN then, so avoid 0 · NaN.
	const t = se > 0 ? studentTQuantile(1 - alpha / 2, df) : 0;
	const result: Comparison = {
		difference,
		differenceInterval: { lower: difference - t * se, upper: difference + t * se },
		...relativeLift(treatment.mean, varT, control.mean, varC, t),
		pValue
	};
	if (sequential) {
		const units = control.units + treatment.units;
		const pooledMean = (control.units * control.mean + treatment.units * treatment.mean) / units;
		const pooledSd = Math.sqrt(
			((control.units - 1) * control.variance + (treatment.units - 1) * treatment.variance) /
				(units - 2)
		);
		const tau = mixingSd(options, pooledMean, pooledSd);
		result.alwaysValid = alwaysValid(difference, se * se, tau, alpha);
	}
	return result;
}

/**
 * The test statistic t = (mean_T - mean_C) / sqrt(s_C²/n_C + s_T²/n_T), its Welch–Satterthwaite
 * degrees of freedom and two-sided p-value (assumes valid input, see compareMeans).
 */
export function welchTTest(
	control: MeanData,
	treatment: MeanData
): { t: number; df: number; pValue: number; standardError: number } {
	const difference = treatment.mean - control.mean;
	const standardError = Math.sqrt(
		control.variance / control.units + treatment.variance / treatment.units
	);
	const df = welchDegreesOfFreedom(control, treatment);
	if (!(standardError > 0)) {
		const t = difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity;
		return { t, df, pValue: degenerateP(difference), standardError };
	}
	const t = difference / standardError;
	return { t, df, pValue: Math.min(1, 2 * studentTSf(Math.abs(t), df)), standardError };
}

/** ν = (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1-1) + (s2²/n2)²/(n2-1)). */
export function welchDegreesOfFreedom(control: MeanData, treatment: MeanData): number {
	const a = control.variance / control.units;
	const b = treatment.variance / treatment.units;
	return ((a + b) * (a + b)) / ((a * a) / (control.units - 1) + (b * b) / (treatment.units - 1));
}
