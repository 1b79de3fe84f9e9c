/**
 * The results page's planning calculator: units per variant for a baseline rate and the relative
 * effect worth detecting, and the days the current traffic needs to get there. The statistics
 * are the stats module's; this only spreads the traffic over the variants by their weights.
 */
import { daysToReach, sampleSizePerVariant } from './stats';

export interface SamplePlanInput {
	/** Control conversion rate, 0 to 1. */
	baselineRate: number;
	/** Relative effect, e.g. 0.1 for +10%. */
	relativeMde: number;
	power: number;
	alpha: number;
	/** Units so far and configured weight of each variant. */
	variants: { units: number; weight: number }[];
	/** New units per day, all variants together. */
	unitsPerDay: number;
}

export interface SamplePlan {
	/** Null when the inputs make no sense (a rate outside 0–100%, no effect, …). */
	perVariant: number | null;
	total: number | null;
	/** Until the slowest variant has enough units; 0 when every one has; null without traffic. */
	days: number | null;
}

export function samplePlan(input: SamplePlanInput): SamplePlan {
	const n = sampleSizePerVariant({
		baselineRate: input.baselineRate,
		relativeMde: input.relativeMde,
		alpha: input.alpha,
		power: input.power
	});
	if (!Number.isFinite(n) || n <= 0) return { perVariant: null, total: null, days: null };
	const variants = input.variants.length ? input.variants : [{ units: 0, weight: 1 }];
	const totalWeight = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
	let days: number | null = 0;
	for (const variant of variants) {
		const share = totalWeight > 0 ? Math.max(0, variant.weight) / totalWeight : 1 / variants.length;
		const needed = daysToReach(n, variant.units, input.unitsPerDay * share);
		if (needed === null) {
			days = null;
			break;
		}
		days = Math.max(days, needed);
	}
	return { perVariant: n, total: n * variants.length, days };
}

/** "5" or "5.5" (percent, as typed) → 0.05; anything else NaN. */
export function percentInput(value: string): number {
	const trimmed = value.trim().replace(',', '.').replace(/%$/, '');
	return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) / 100 : Number.NaN;
}
