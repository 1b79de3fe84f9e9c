/** Shapes shared by the statistics module's functions. */

export interface Interval {
	lower: number;
	upper: number;
}

/** A conversion-style metric: how many units were exposed and how many converted. */
export interface ProportionData {
	units: number;
	conversions: number;
}

/** A continuous metric (revenue per unit...): `variance` is the sample variance (n - 1). */
export interface MeanData {
	units: number;
	mean: number;
	variance: number;
}

export interface Comparison {
	/** Treatment minus control, in the metric's own units. */
	difference: number;
	differenceInterval: Interval;
	/** (treatment - control) / control. */
	relativeLift: number;
	relativeInterval: Interval;
	/** Two-sided, fixed-horizon. */
	pValue: number;
	/** Present when `options.sequential`: valid however often the results are looked at. */
	alwaysValid?: { pValue: number; differenceInterval: Interval };
}

export interface CompareOptions {
	/** Two-sided significance level; intervals cover 1 - alpha. Default 0.05. */
	alpha?: number;
	/** Also report always-valid (mSPRT) inference, see sequential.ts. */
	sequential?: boolean;
	/**
	 * Standard deviation τ of the normal mixing distribution over the true difference, in the
	 * metric's units. Overrides `plausibleLift`.
	 */
	mixingSd?: number;
	/**
	 * The relative effect one plausibly expects, used to set τ = plausibleLift × the pooled
	 * baseline when `mixingSd` is not given. Default 0.1 (a 10% lift).
	 */
	plausibleLift?: number;
}

export const DEFAULT_ALPHA = 0.05;
