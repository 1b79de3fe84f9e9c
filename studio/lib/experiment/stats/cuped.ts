/**
 * CUPED (Deng, Xu, Kohavi and Walker, 2013): subtract from each unit's metric Y the part its
 * pre-experiment value X predicts, Y - θ(X - X̄), which leaves every variant's expected mean
 * unchanged (X cannot depend on an assignment made after it) and shrinks the variance by the
 * share of it X explains. Works from per-variant sufficient statistics so the sums can come
 * straight out of SQL.
 *
 * θ = cov(X, Y) / var(X) over all units of all variants pooled (GrowthBook's choice too): one
 * θ for every variant keeps the adjustment identical across arms, and X's independence from the
 * assignment means pooling costs nothing.
 */
import type { MeanData } from './types';

export interface CupedData {
	units: number;
	sumY: number;
	sumY2: number;
	sumX: number;
	sumX2: number;
	sumXY: number;
}

export interface CupedResult {
	theta: number;
	/** Per variant: the adjusted mean and the sample variance of Y - θX, ready for compareMeans. */
	adjusted: MeanData[];
	/**
	 * 1 - Σ Var_adj/n ÷ Σ Var/n: the share by which the variance of the estimated difference
	 * shrinks (for two variants exactly the variance of the difference of means). 0 when X says
	 * nothing (θ = 0).
	 */
	varianceReduction: number;
}

/** Centered co-moment Σ(a - ā)(b - b̄) from raw sums. */
function comoment(n: number, sumAB: number, sumA: number, sumB: number): number {
	return n > 0 ? sumAB - (sumA * sumB) / n : 0;
}

export function cupedAdjust(variants: CupedData[]): CupedResult {
	let n = 0;
	let sumX = 0;
	let sumY = 0;
	let sumX2 = 0;
	let sumXY = 0;
	for (const v of variants) {
		n += v.units;
		sumX += v.sumX;
		sumY += v.sumY;
		sumX2 += v.sumX2;
		sumXY += v.sumXY;
	}
	const sxx = comoment(n, sumX2, sumX, sumX);
	const sxy = comoment(n, sumXY, sumX, sumY);
	// No spread in X (no pre-period data, or too few units): nothing to adjust with.
	const theta = n >= 2 && sxx > 0 && Number.isFinite(sxy / sxx) ? sxy / sxx : 0;
	const meanX = n > 0 ? sumX / n : 0;

	let rawSum = 0;
	let adjustedSum = 0;
	const adjusted = variants.map((v): MeanData => {
		if (!(v.units > 0)) return { units: 0, mean: 0, variance: 0 };
		const yBar = v.sumY / v.units;
		const xBar = v.sumX / v.units;
		const mean = yBar - theta * (xBar - meanX);
		if (v.units < 2) return { units: v.units, mean, variance: 0 };
		const dof = v.units - 1;
		const varY = comoment(v.units, v.sumY2, v.sumY, v.sumY) / dof;
		const varX = comoment(v.units, v.sumX2, v.sumX, v.sumX) / dof;
		const cov = comoment(v.units, v.sumXY, v.sumX, v.sumY) / dof;
		const variance = Math.max(0, varY + theta * theta * varX - 2 * theta * cov);
		rawSum += Math.max(0, varY) / v.units;
		adjustedSum += variance / v.units;
		return { units: v.units, mean, variance };
	});
	const varianceReduction = rawSum > 0 ? 1 - adjustedSum / rawSum : 0;
	return { theta, adjusted, varianceReduction };
}
