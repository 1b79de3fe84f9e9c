/**
 * The results page's variant table as CSV, for spreadsheets: one header row, one row per variant,
 * raw numbers (rates as fractions, money in minor units) so nothing is lost to formatting.
 */
import type { Comparison } from './stats';
import type { ExperimentResults, VariantResult } from './model';
import { csvText, type CsvValue } from '../csv';

export const RESULTS_CSV_HEADER = [
	'variant_key',
	'variant_name',
	'is_control',
	'weight',
	'units',
	'conversions',
	'conversion_rate',
	'conversion_lift',
	'conversion_lift_lower',
	'conversion_lift_upper',
	'conversion_p_value',
	'conversion_p_value_always_valid',
	'chance_to_beat_control',
	'expected_loss',
	'orders',
	'revenue_minor',
	'revenue_per_unit_minor',
	'aov_minor',
	'revenue_lift',
	'revenue_lift_lower',
	'revenue_lift_upper',
	'revenue_p_value',
	'revenue_cuped_lift',
	'revenue_cuped_lift_lower',
	'revenue_cuped_lift_upper',
	'revenue_cuped_p_value',
	'revenue_chance_to_beat_control',
	'currency'
] as const;

function lift(comparison: Comparison | null): CsvValue[] {
	if (!comparison) return [null, null, null, null];
	return [
		comparison.relativeLift,
		comparison.relativeInterval.lower,
		comparison.relativeInterval.upper,
		comparison.pValue
	];
}

function row(variant: VariantResult, currency: string): CsvValue[] {
	return [
		variant.key,
		variant.name,
		variant.isControl,
		variant.weight,
		variant.units,
		variant.conversions,
		variant.rate,
		...lift(variant.conversion),
		variant.conversion?.alwaysValid?.pValue ?? null,
		variant.chanceToBeatControl,
		variant.expectedLoss,
		variant.orders,
		variant.revenueMinor,
		variant.revenuePerUnitMinor,
		variant.aovMinor,
		...lift(variant.revenue),
		...lift(variant.revenueCuped),
		variant.revenueChanceToBeatControl,
		currency
	];
}

export function resultsCsv(results: ExperimentResults, currency: string): string {
	return csvText([RESULTS_CSV_HEADER, ...results.variants.map((v) => row(v, currency))]);
}

/** A file name safe in a Content-Disposition header: the key is already [a-z0-9_-]. */
export function resultsCsvFileName(key: string, computedAt: number): string {
	const day = new Date(computedAt).toISOString().slice(0, 10);
	return `experiment-${key.replace(/[^a-z0-9_-]/gi, '_')}-${day}.csv`;
}
