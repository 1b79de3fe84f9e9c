/**
 * Sample ratio mismatch: a chi-square goodness-of-fit test of the exposures each variant got
 * against the weights it was configured with. A mismatch (p < 0.001, the threshold most
 * experimentation platforms use so that daily checks rarely cry wolf) means the assignment or
 * the exposure logging is broken and the results should not be trusted.
 */
import { chiSquareSf } from './distributions';

export const SRM_THRESHOLD = 0.001;

export interface SampleRatioResult {
	chiSquare: number;
	pValue: number;
	mismatch: boolean;
}

/**
 * χ² = Σ (observed - expected)² / expected, with expected = total × weight / Σ weights and
 * df = k - 1 over the variants that have a weight. A variant with weight 0 that still received
 * units is a certain mismatch (χ² = Infinity, p = 0). No units at all, or fewer than two weighted
 * variants, is no evidence of anything: χ² = 0, p = 1. Malformed input gives NaN and no mismatch.
 */
export function sampleRatioMismatch(observed: number[], weights: number[]): SampleRatioResult {
	const malformed =
		observed.length !== weights.length ||
		observed.some((o) => !Number.isFinite(o) || o < 0) ||
		weights.some((w) => !Number.isFinite(w) || w < 0);
	const weightSum = weights.reduce((sum, w) => sum + w, 0);
	if (malformed || weightSum === 0) return { chiSquare: NaN, pValue: NaN, mismatch: false };
	const total = observed.reduce((sum, o) => sum + o, 0);
	let chiSquare = 0;
	let categories = 0;
	for (let i = 0; i < observed.length; i++) {
		const o = observed[i] ?? 0;
		const w = weights[i] ?? 0;
		if (w === 0) {
			if (o > 0) return { chiSquare: Infinity, pValue: 0, mismatch: true };
			continue;
		}
		categories++;
		const expected = (total * w) / weightSum;
		if (expected > 0) chiSquare += ((o - expected) * (o - expected)) / expected;
	}
	if (total === 0 || categories < 2) return { chiSquare: 0, pValue: 1, mismatch: false };
	const pValue = chiSquareSf(chiSquare, categories - 1);
	return { chiSquare, pValue, mismatch: pValue < SRM_THRESHOLD };
}
