/** Summaries of raw observations into the inputs the tests take. */
import type { MeanData } from './types';

/**
 * Count, mean and sample variance (n - 1) of `values`, by Welford's update so large revenues do
 * not lose digits to cancellation. An empty sample is all zeros and a single value has variance
 * 0, so sums over variants stay finite; the tests themselves refuse fewer than 2 units.
 */
export function meanData(values: readonly number[]): MeanData {
	let mean = 0;
	let m2 = 0;
	for (let i = 0; i < values.length; i++) {
		const x = values[i] ?? 0;
		const delta = x - mean;
		mean += delta / (i + 1);
		m2 += delta * (x - mean);
	}
	const units = values.length;
	return { units, mean, variance: units > 1 ? m2 / (units - 1) : 0 };
}
