import {
	DEFAULT_ALPHA,
	bayesMeans,
	bayesProportions,
	compareMeans,
	compareProportions,
	cupedAdjust,
	daysToReach,
	minimumDetectableEffect,
	sampleRatioMismatch,
	sampleSizePerVariant,
	type Comparison,
	type MeanData
} from '../../experiment/stats';
import type {
	ExperimentPower,
	ExperimentResults,
	ResultsOptions,
	VariantResult,
	VariantSeries
} from '../../experiment/model';
import type { Db } from '../db/connect';
import { getExperiment } from './experiment-service';
import {
	aggregateResults,
	countContaminated,
	DAY_MS,
	type VariantDayAggregate
} from './results-repository';
import { judge, MIN_UNITS_PER_VARIANT } from './verdict';

export { MIN_UNITS_PER_VARIANT };

/** The effect size the sample-size plan is for when the page does not say: a 10% relative lift. */
export const DEFAULT_RELATIVE_MDE = 0.1;

interface Totals {
	units: number;
	conversions: number;
	orders: number;
	sumY: number;
	sumY2: number;
	sumX: number;
	sumX2: number;
	sumXY: number;
	guardrails: number[];
}

function emptyTotals(guardrails: number): Totals {
	return {
		units: 0,
		conversions: 0,
		orders: 0,
		sumY: 0,
		sumY2: 0,
		sumX: 0,
		sumX2: 0,
		sumXY: 0,
		guardrails: new Array<number>(guardrails).fill(0)
	};
}

function add(into: Totals, row: VariantDayAggregate): void {
	into.units += row.units;
	into.conversions += row.conversions;
	into.orders += row.orders;
	into.sumY += row.sumY;
	into.sumY2 += row.sumY2;
	into.sumX += row.sumX;
	into.sumX2 += row.sumX2;
	into.sumXY += row.sumXY;
	row.guardrails.forEach((g, i) => (into.guardrails[i] = (into.guardrails[i] ?? 0) + g));
}

/** Revenue per unit as the mean of a sample, from its sums (sample variance, n - 1). */
function revenueData(t: Totals): MeanData {
	if (t.units === 0) return { units: 0, mean: 0, variance: 0 };
	const mean = t.sumY / t.units;
	const variance = t.units > 1 ? Math.max(0, (t.sumY2 - t.units * mean * mean) / (t.units - 1)) : 0;
	return { units: t.units, mean, variance };
}

/** A comparison the statistics could not make (too few units) is left out rather than NaN. */
const known = (c: Comparison): Comparison | null => (Number.isNaN(c.pValue) ? null : c);
const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Cumulative per variant over the exposure days, every variant on the same days. */
function buildSeries(keys: string[], rows: VariantDayAggregate[]): VariantSeries[] {
	if (rows.length === 0) return keys.map((key) => ({ key, points: [] }));
	let first = Infinity;
	let last = -Infinity;
	for (const r of rows) {
		first = Math.min(first, r.day);
		last = Math.max(last, r.day);
	}
	return keys.map((key) => {
		const byDay = new Map(rows.filter((r) => r.variant === key).map((r) => [r.day, r]));
		let units = 0;
		let conversions = 0;
		let revenueMinor = 0;
		const points = [];
		for (let day = first; day <= last; day++) {
			const r = byDay.get(day);
			if (r) {
				units += r.units;
				conversions += r.conversions;
				revenueMinor += r.sumY;
			}
			points.push({ day: isoDay(day), units, conversions, revenueMinor });
		}
		return { key, points };
	});
}

/**
 * Everything the results page shows; null when the experiment is not in the workspace.
 *
 * Units are what was exposed (SDK anonymous ids, or `c:<customer>` for journeys), each counted
 * from its first exposure. A conversion is the unit's customer doing the metric event within the
 * window after that; revenue is completed orders placed in the same window, and the 30 days
 * before exposure give the CUPED covariate. Units that saw more than one variant are left out
 * and reported as `contaminated`. The daily series is cumulative by the day of first exposure
 * (each day's units with everything they did in their window), GrowthBook's convention.
 */
export async function experimentResults(
	db: Db,
	workspaceId: number,
	experimentId: number,
	now = Date.now(),
	options: ResultsOptions = {}
): Promise<ExperimentResults | null> {
	const experiment = await getExperiment(db, workspaceId, experimentId);
	if (!experiment) return null;
	const alpha = options.alpha ?? DEFAULT_ALPHA;
	const sequential = options.sequential === true;
	const relativeMde = options.relativeMde ?? DEFAULT_RELATIVE_MDE;
	const metric = experiment.metric;
	const [rows, contaminated] = await Promise.all([
		aggregateResults(db, {
			workspaceId,
			experimentId,
			event: metric.event,
			windowMs: metric.windowDays * DAY_MS,
			guardrails: metric.guardrails
		}),
		countContaminated(db, workspaceId, experimentId)
	]);

	const variants = experiment.variants;
	const keys = variants.map((v) => v.key);
	const totals = variants.map(() => emptyTotals(metric.guardrails.length));
	for (const row of rows) {
		const i = keys.indexOf(row.variant);
		// Exposures to a variant the experiment no longer has (a journey republished without it).
		if (i >= 0) add(totals[i]!, row);
	}

	const proportions = totals.map((t) => ({ units: t.units, conversions: t.conversions }));
	const revenue = totals.map(revenueData);
	const compare = { alpha, sequential: true };
	const bayesRate = bayesProportions(proportions);
	const bayesRevenue = bayesMeans(revenue);
	const hasCovariate = totals.some((t) => t.sumX > 0);
	const cuped = hasCovariate ? cupedAdjust(totals) : null;
	const control = totals[0];

	const results: VariantResult[] = variants.map((v, i) => {
		const t = totals[i]!;
		const isControl = i === 0;
		const guardrails = metric.guardrails.map((event, g) => {
			const units = t.guardrails[g] ?? 0;
			const comparison =
				isControl || !control
					? null
					: known(
							compareProportions(
								{ units: control.units, conversions: control.guardrails[g] ?? 0 },
								{ units: t.units, conversions: units },
								compare
							)
						);
			const p = comparison && (sequential ? comparison.alwaysValid?.pValue : comparison.pValue);
			return {
				event,
				units,
				rate: t.units ? units / t.units : 0,
				comparison,
				worse:
					!!comparison && p !== undefined && p !== null && p < alpha && comparison.difference > 0
			};
		});
		return {
			key: v.key,
			name: v.name,
			weight: v.weight,
			isControl,
			units: t.units,
			conversions: t.conversions,
			rate: t.units ? t.conversions / t.units : 0,
			orders: t.orders,
			revenueMinor: t.sumY,
			revenuePerUnitMinor: revenue[i]!.mean,
			aovMinor: t.orders ? t.sumY / t.orders : null,
			revenueVariance: revenue[i]!.variance,
			guardrails,
			cuped: { sumX: t.sumX, sumX2: t.sumX2, sumY: t.sumY, sumY2: t.sumY2, sumXY: t.sumXY },
			conversion: isControl
				? null
				: known(compareProportions(proportions[0]!, proportions[i]!, compare)),
			revenue: isControl ? null : known(compareMeans(revenue[0]!, revenue[i]!, compare)),
			revenueCuped:
				isControl || !cuped
					? null
					: known(compareMeans(cuped.adjusted[0]!, cuped.adjusted[i]!, compare)),
			chanceToBeatControl: isControl ? null : finite(bayesRate[i]?.chanceToBeatControl ?? NaN),
			expectedLoss: isControl ? null : finite(bayesRate[i]?.expectedLoss ?? NaN),
			revenueChanceToBeatControl: isControl
				? null
				: finite(bayesRevenue[i]?.chanceToBeatControl ?? NaN),
			revenueExpectedLoss: isControl ? null : finite(bayesRevenue[i]?.expectedLoss ?? NaN)
		};
	});

	const totalUnits = totals.reduce((sum, t) => sum + t.units, 0);
	const srm =
		totalUnits > 0 && variants.length >= 2
			? sampleRatioMismatch(
					totals.map((t) => t.units),
					variants.map((v) => v.weight)
				)
			: null;
	const power = powerOf(experiment, totals, { alpha, relativeMde, now });
	const verdict = judge({
		results,
		srm,
		contaminated,
		totalUnits,
		power,
		alpha,
		sequential,
		stopped: experiment.status === 'stopped',
		cupedReduction: cuped?.varianceReduction ?? 0
	});
	return {
		experiment,
		computedAt: now,
		metric,
		sequential,
		alpha,
		variants: results,
		contaminated,
		srm: srm && Number.isFinite(srm.pValue) ? srm : null,
		cuped: cuped ? { theta: cuped.theta, varianceReduction: cuped.varianceReduction } : null,
		power,
		series: buildSeries(keys, rows),
		verdict
	};
}

/**
 * How many units per variant the test needs for the planned effect at the control's rate so far,
 * what it can detect now, and how long the smallest variant takes to get there at its pace so far.
 */
function powerOf(
	experiment: { startedAt: number | null; stoppedAt: number | null; createdAt: number },
	totals: Totals[],
	input: { alpha: number; relativeMde: number; now: number }
): ExperimentPower {
	const control = totals[0];
	const baselineRate = control && control.units > 0 ? control.conversions / control.units : null;
	const unitsPerVariant = totals.length ? Math.min(...totals.map((t) => t.units)) : 0;
	const totalUnits = totals.reduce((sum, t) => sum + t.units, 0);
	const since = experiment.startedAt ?? experiment.createdAt;
	const until = Math.min(input.now, experiment.stoppedAt ?? input.now);
	const days = Math.max(1, (until - since) / DAY_MS);
	const needed =
		baselineRate === null
			? NaN
			: sampleSizePerVariant({
					baselineRate,
					relativeMde: input.relativeMde,
					alpha: input.alpha
				});
	const mde =
		baselineRate === null || unitsPerVariant === 0
			? NaN
			: minimumDetectableEffect({ baselineRate, unitsPerVariant, alpha: input.alpha });
	return {
		baselineRate,
		relativeMde: input.relativeMde,
		unitsNeededPerVariant: finite(needed),
		mdeNow: finite(mde),
		unitsPerDay: totalUnits / days,
		daysToReach: daysToReach(needed, unitsPerVariant, unitsPerVariant / days)
	};
}
