import { describe, expect, it } from 'vitest';
import { cupedAdjust, type CupedData } from './cuped';
import { compareMeans } from './frequentist';
import { meanData } from './sample';

// A small synthetic dataset, generated once in python and written out here:
//   x0 = [round(20+15*np.sin(i*1.7)+7*np.cos(i*0.31), 2) for i in range(24)]
//   y0 = [round(0.8*x+6*np.sin(i*2.9)+5, 2) for i, x in enumerate(x0)]
//   x1 = [round(22+14*np.cos(i*1.3)+6*np.sin(i*0.7), 2) for i in range(20)]
//   y1 = [round(0.8*x+6*np.cos(i*3.7)+8, 2) for i, x in enumerate(x1)]
// x is the pre-experiment revenue (covariate), y the metric; variant 0 is the control.
const x0 = [
	27.0, 41.54, 21.86, 10.3, 29.69, 32.12, 7.51, 6.78, 27.36, 19.38, -1.41, 11.02, 29.14, 13.96,
	2.88, 24.95, 34.9, 14.92, 14.41, 38.07, 34.91, 13.18, 21.6, 39.42
];
const y0 = [
	26.6, 39.67, 19.7, 17.22, 23.82, 36.31, 5.05, 16.38, 21.28, 25.44, -0.11, 16.61, 26.87, 16.17,
	8.73, 22.18, 36.89, 12.0, 22.14, 29.5, 38.89, 9.93, 27.22, 32.55
];
const x1 = [
	36.0, 29.61, 15.92, 17.02, 30.57, 33.57, 17.53, 2.84, 10.36, 31.17, 38.65, 25.66, 13.21, 18.74,
	30.95, 27.86, 10.94, 4.37, 19.94, 38.73
];
const y1 = [
	42.8, 26.6, 23.37, 22.24, 28.76, 40.49, 16.15, 14.59, 14.83, 31.09, 43.51, 22.59, 24.05, 19.63,
	32.98, 33.28, 11.46, 17.48, 19.09, 41.24
];

function sufficient(x: number[], y: number[]): CupedData {
	const data: CupedData = { units: x.length, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
	x.forEach((xi, i) => {
		const yi = y[i] ?? 0;
		data.sumX += xi;
		data.sumX2 += xi * xi;
		data.sumY += yi;
		data.sumY2 += yi * yi;
		data.sumXY += xi * yi;
	});
	return data;
}

// References (numpy 2.4, scipy 1.17), with xa, ya = np.concatenate([x0, x1]), np.concatenate([y0, y1]):
//   theta = np.cov(xa, ya)[0,1]/np.var(xa, ddof=1)
//   adjusted mean = y.mean() - theta*(x.mean() - xa.mean()); adjusted var = np.var(y - theta*x, ddof=1)
//   reduction = 1 - (av0/24 + av1/20)/(np.var(y0, ddof=1)/24 + np.var(y1, ddof=1)/20)
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('cupedAdjust', () => {
	const result = cupedAdjust([sufficient(x0, y0), sufficient(x1, y1)]);

	it('estimates theta from pooled sufficient statistics', () => {
		expectRelative(result.theta, 0.809287351793936);
	});

	it('adjusts means and variances per variant', () => {
		const [control, treatment] = result.adjusted;
		expect(control?.units).toBe(24);
		expectRelative(control?.mean ?? NaN, 22.56929166941487);
		expectRelative(control?.variance ?? NaN, 19.956066008453238);
		expect(treatment?.units).toBe(20);
		expectRelative(treatment?.mean ?? NaN, 25.78034999670215);
		expectRelative(treatment?.variance ?? NaN, 19.550367862788146);
	});

	it('reports the share of variance removed', () => {
		expectRelative(result.varianceReduction, 0.8149666779517655);
	});

	it('feeds Welch: the adjusted test is sharper than the raw one', () => {
		const [control, treatment] = result.adjusted;
		if (!control || !treatment) throw new Error('missing variants');
		// ttest_ind_from_stats(m1, np.sqrt(av1), 20, m0, np.sqrt(av0), 24, equal_var=False).pvalue
		expectRelative(compareMeans(control, treatment).pValue, 0.021693434769011144);
		// ttest_ind_from_stats(y1.mean(), np.std(y1, ddof=1), 20, y0.mean(), np.std(y0, ddof=1), 24,
		//   equal_var=False).pvalue
		expectRelative(compareMeans(meanData(y0), meanData(y1)).pValue, 0.18809679988378156);
	});

	it('leaves the data alone when the covariate has no spread', () => {
		const flat = (y: number[]): CupedData =>
			sufficient(
				y.map(() => 0),
				y
			);
		const none = cupedAdjust([flat(y0), flat(y1)]);
		expect(none.theta).toBe(0);
		expect(none.varianceReduction).toBe(0);
		expectRelative(none.adjusted[0]?.mean ?? NaN, 22.126666666666665); // y0.mean()
		expectRelative(none.adjusted[0]?.variance ?? NaN, 113.03019710144928); // np.var(y0, ddof=1)
	});

	it('copes with empty and single-unit variants', () => {
		const empty: CupedData = { units: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
		const one = sufficient([3], [4]);
		const out = cupedAdjust([empty, one]);
		expect(out.theta).toBe(0);
		expect(out.adjusted).toEqual([
			{ units: 0, mean: 0, variance: 0 },
			{ units: 1, mean: 4, variance: 0 }
		]);
		expect(cupedAdjust([])).toEqual({ theta: 0, adjusted: [], varianceReduction: 0 });
	});
});

describe('meanData', () => {
	it('matches numpy mean and sample variance', () => {
		const data = meanData(y0);
		expect(data.units).toBe(24);
		expectRelative(data.mean, 22.126666666666665); // y0.mean()
		expectRelative(data.variance, 113.03019710144928); // np.var(y0, ddof=1)
	});

	it('is all zeros when empty and has no variance for one value', () => {
		expect(meanData([])).toEqual({ units: 0, mean: 0, variance: 0 });
		expect(meanData([7])).toEqual({ units: 1, mean: 7, variance: 0 });
	});
});
