import type { Comparison } from './stats';
import type { ExperimentDetail, ExperimentMetric } from './model';

/**
 * What the analysis returns: an experiment's results (per variant, the comparisons with control,
 * the daily cumulative series, the verdict) and a journey's incrementality against its holdout.
 * Pure types, shared by the server that computes them and the pages that show them.
 */

/** Sums over units of the pre-period revenue x and the in-window revenue y (minor units). */
export interface CupedSums {
	sumX: number;
	sumX2: number;
	sumY: number;
	sumY2: number;
	sumXY: number;
}

export interface GuardrailResult {
	event: string;
	/** Units that did the event at least once within the window. */
	units: number;
	rate: number;
	/** Against control; null for the control row. */
	comparison: Comparison | null;
	/** Significantly higher than control (every guardrail is a "bad" event). */
	worse: boolean;
}

export interface VariantResult {
	key: string;
	name: string;
	weight: number;
	/** The first variant is the control. */
	isControl: boolean;
	units: number;
	conversions: number;
	rate: number;
	orders: number;
	revenueMinor: number;
	revenuePerUnitMinor: number;
	/** Revenue per order; null without orders. */
	aovMinor: number | null;
	/** Sample variance of revenue per unit (minor units squared). */
	revenueVariance: number;
	guardrails: GuardrailResult[];
	/** Pre-period (30 days before first exposure) and in-window revenue sums, for CUPED. */
	cuped: CupedSums;
	/** Against control (null on the control row). `alwaysValid` is always filled in. */
	conversion: Comparison | null;
	revenue: Comparison | null;
	/** Revenue per unit after CUPED; null without pre-period data. */
	revenueCuped: Comparison | null;
	/** Bayesian, conversion rate; the control's row has the chance of beating the best other. */
	chanceToBeatControl: number | null;
	expectedLoss: number | null;
	revenueChanceToBeatControl: number | null;
	revenueExpectedLoss: number | null;
}

export interface SeriesPoint {
	/** UTC day, `YYYY-MM-DD`. */
	day: string;
	/** Cumulative to the end of the day. */
	units: number;
	conversions: number;
	revenueMinor: number;
}

export interface VariantSeries {
	key: string;
	/** Every variant has the same days, oldest first. */
	points: SeriesPoint[];
}

export type VerdictStatus = 'collecting' | 'srm' | 'winner' | 'loser' | 'flat' | 'guardrail';

export type VerdictReasonCode =
	| 'no_units'
	| 'too_few_units'
	| 'srm'
	| 'contamination'
	| 'significant_lift'
	| 'significant_drop'
	| 'not_significant'
	| 'underpowered'
	| 'guardrail_worse'
	| 'cuped_applied'
	| 'stopped';

export interface VerdictReason {
	code: VerdictReasonCode;
	variant?: string;
	event?: string;
	/** E.g. the p-value, the share contaminated or the days still to wait. */
	value?: number;
}

/**
 * For the plain-language summary. `winner`: a variant beats control on the metric with no
 * guardrail worse; `loser`: every variant is significantly worse than control; `flat`: enough
 * units for the planned effect and no difference; `guardrail`: the best variant wins but a
 * guardrail got worse; `srm`: the split does not match the weights, do not trust the numbers;
 * `collecting`: wait (see `power.daysToReach`).
 */
export interface ExperimentVerdict {
	status: VerdictStatus;
	variant?: string;
	reasons: VerdictReason[];
}

export interface ExperimentPower {
	/** The control's conversion rate so far (null before any units). */
	baselineRate: number | null;
	/** The relative effect the plan is sized for (default 10%). */
	relativeMde: number;
	unitsNeededPerVariant: number | null;
	/** Smallest relative effect detectable with the units per variant so far. */
	mdeNow: number | null;
	/** Average new units per day over the experiment so far (all variants). */
	unitsPerDay: number;
	/** Days until the smallest variant reaches `unitsNeededPerVariant`; 0 when reached. */
	daysToReach: number | null;
}

export interface ExperimentResults {
	experiment: ExperimentDetail;
	/** When these numbers were computed (ms). */
	computedAt: number;
	metric: ExperimentMetric;
	/** Whether the verdict used the always-valid (sequential) figures. */
	sequential: boolean;
	alpha: number;
	variants: VariantResult[];
	/** Units exposed to more than one variant: left out of every figure. */
	contaminated: number;
	srm: { chiSquare: number; pValue: number; mismatch: boolean } | null;
	cuped: { theta: number; varianceReduction: number } | null;
	power: ExperimentPower;
	series: VariantSeries[];
	verdict: ExperimentVerdict;
}

export interface ResultsOptions {
	/** Judge by the always-valid intervals (for people who look every day). */
	sequential?: boolean;
	/** The effect the sample-size plan is for, relative (default 0.1). */
	relativeMde?: number;
	alpha?: number;
}

// ---- Journey incrementality ------------------------------------------------------------------

export interface IncrementalityArm {
	/** Runs (enrolments) in the arm. */
	units: number;
	conversions: number;
	rate: number;
	revenueMinor: number;
	revenuePerUnitMinor: number;
}

/**
 * A journey against its holdout: `treated` are the runs that went through the journey, `holdout`
 * the runs kept out of it (enrolment status 'holdout'). Conversion: the journey's goal event
 * within its window after entry, or a completed order within 7 days when it has no goal.
 */
export interface JourneyIncrementality {
	journeyId: number;
	computedAt: number;
	/** The conversion event used (`Order Completed` when the journey has no goal). */
	event: string;
	windowDays: number;
	treated: IncrementalityArm;
	holdout: IncrementalityArm;
	/** Treated against holdout; null while either arm is empty. */
	conversion: Comparison | null;
	revenue: Comparison | null;
	/** (rate_t - rate_c) x treated units, with the interval scaled the same way. */
	incrementalConversions: { estimate: number; lower: number; upper: number } | null;
	/** (rpu_t - rpu_c) x treated units, minor units. */
	incrementalRevenueMinor: { estimate: number; lower: number; upper: number } | null;
}
