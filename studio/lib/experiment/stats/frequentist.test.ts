import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, welchDegreesOfFreedom, welchTTest } from './frequentist';
import type { Comparison } from './types';

// Expected values come from numpy/scipy 1.17; the comments give the python that produced them.
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

function expectUnknown(result: Comparison): void {
	expect(result.difference).toBeNaN();
	expect(result.pValue).toBeNaN();
	expect(result.differenceInterval.lower).toBeNaN();
	expect(result.relativeInterval.upper).toBeNaN();
}

describe('compareProportions (two-proportion z-test)', () => {
	// python: import numpy as np; from scipy.stats import norm
	//   nc, xc, nt, xt = 1000, 100, 1000, 120; pc, pt, pp = xc/nc, xt/nt, (xc+xt)/(nc+nt)
	//   se = np.sqrt(pc*(1-pc)/nc + pt*(1-pt)/nt); z = norm.ppf(0.975)
	//   serel = np.sqrt((pt*(1-pt)/nt)/pc**2 + pt**2*(pc*(1-pc)/nc)/pc**4)
	const control = { units: 1000, conversions: 100 };
	const treatment = { units: 1000, conversions: 120 };

	it('gives the pooled-SE p-value and the unpooled interval for the difference', () => {
		const result = compareProportions(control, treatment);
		expectRelative(result.difference, 0.02);
		// 2*norm.sf(abs(pt-pc)/np.sqrt(pp*(1-pp)*(1/nc+1/nt)))
		expectRelative(result.pValue, 0.1529177818639462);
		// pt-pc-z*se, pt-pc+z*se
		expectRelative(result.differenceInterval.lower, -0.0074114819980199455);
		expectRelative(result.differenceInterval.upper, 0.04741148199801992);
	});

	it('gives the delta-method interval for the relative lift', () => {
		const result = compareProportions(control, treatment);
		expectRelative(result.relativeLift, 0.2);
		// pt/pc-1-z*serel, pt/pc-1+z*serel
		expectRelative(result.relativeInterval.lower, -0.10058461614448239);
		expectRelative(result.relativeInterval.upper, 0.5005846161444822);
	});

	it('honours alpha', () => {
		const result = compareProportions(control, treatment, { alpha: 0.1 });
		// same with z = norm.ppf(0.95)
		expectRelative(result.differenceInterval.lower, -0.003004440867386087);
		expectRelative(result.differenceInterval.upper, 0.04300444086738607);
		expectRelative(result.relativeInterval.lower, -0.05225856187714245);
		expectRelative(result.relativeInterval.upper, 0.45225856187714236);
		expectRelative(result.pValue, 0.1529177818639462);
	});

	it('detects a significant difference on a larger sample', () => {
		// nc, xc, nt, xt = 20000, 2000, 20000, 2200, then as above
		const result = compareProportions(
			{ units: 20000, conversions: 2000 },
			{ units: 20000, conversions: 2200 }
		);
		expectRelative(result.pValue, 0.0011060019738741123);
		expectRelative(result.differenceInterval.lower, 0.003992462599332288);
		expectRelative(result.differenceInterval.upper, 0.016007537400667703);
		expectRelative(result.relativeInterval.lower, 0.036975652160472605);
		expectRelative(result.relativeInterval.upper, 0.16302434783952713);
		expect(result.alwaysValid).toBeUndefined();
	});

	it('handles a control with no conversions', () => {
		const result = compareProportions(
			{ units: 500, conversions: 0 },
			{ units: 500, conversions: 5 }
		);
		// nc, xc, nt, xt = 500, 0, 500, 5: 2*norm.sf(...) and pt-pc -/+ z*se
		expectRelative(result.pValue, 0.024982113243368558);
		expectRelative(result.differenceInterval.lower, 0.001278710837855239);
		expectRelative(result.differenceInterval.upper, 0.01872128916214476);
		// No relative scale: the lift is infinite and its interval unknown.
		expect(result.relativeLift).toBe(Infinity);
		expect(result.relativeInterval.lower).toBeNaN();
		expect(result.relativeInterval.upper).toBeNaN();
	});

	it('gives p = 1 for identical variants and for no conversions at all', () => {
		const same = compareProportions(control, { ...control });
		expect(same.pValue).toBe(1);
		expect(same.difference).toBe(0);
		expect(same.relativeLift).toBe(0);
		const none = compareProportions({ units: 800, conversions: 0 }, { units: 900, conversions: 0 });
		expect(none.pValue).toBe(1);
		expect(none.difference).toBe(0);
		expect(none.differenceInterval).toEqual({ lower: 0, upper: 0 });
		expect(none.relativeLift).toBeNaN();
	});

	it('returns NaN (and never throws) for zero units or impossible counts', () => {
		expectUnknown(compareProportions({ units: 0, conversions: 0 }, treatment));
		expectUnknown(compareProportions(control, { units: 10, conversions: 11 }));
		expectUnknown(compareProportions(control, { units: 10, conversions: -1 }));
		expectUnknown(compareProportions(control, { units: NaN, conversions: 1 }));
		const sequential = compareProportions(
			control,
			{ units: 0, conversions: 0 },
			{ sequential: true }
		);
		expectUnknown(sequential);
		expect(sequential.alwaysValid?.pValue).toBeNaN();
	});
});

describe("compareMeans (Welch's t-test)", () => {
	// python: import numpy as np; from scipy.stats import t, ttest_ind_from_stats
	//   nc, mc, sc, nt, mt, st = 50, 10.2, 4.1, 35, 11.9, 7.3; a, b = sc**2/nc, st**2/nt
	//   se = np.sqrt(a+b); df = (a+b)**2/(a**2/(nc-1)+b**2/(nt-1)); q = t.ppf(0.975, df)
	//   r = ttest_ind_from_stats(mt, st, nt, mc, sc, nc, equal_var=False)
	//   serel = np.sqrt(b/mc**2 + mt**2*a/mc**4)
	const control = { units: 50, mean: 10.2, variance: 4.1 ** 2 };
	const treatment = { units: 35, mean: 11.9, variance: 7.3 ** 2 };

	it('matches scipy ttest_ind_from_stats(equal_var=False): t, df and p', () => {
		expectRelative(welchDegreesOfFreedom(control, treatment), 49.014629837658084); // df
		const test = welchTTest(control, treatment);
		expectRelative(test.t, 1.246912352396728); // r.statistic
		expectRelative(test.df, 49.014629837658084); // df
		expectRelative(test.standardError, 1.3633676791575442); // se
		expectRelative(test.pValue, 0.21835537037909492); // r.pvalue
		const result = compareMeans(control, treatment);
		expectRelative(result.difference, 1.7);
		expectRelative(result.pValue, 0.21835537037909492); // r.pvalue
	});

	it('gives the t interval for the difference and the delta-method relative interval', () => {
		const result = compareMeans(control, treatment);
		// mt-mc-q*se, mt-mc+q*se
		expectRelative(result.differenceInterval.lower, -1.0397692422561322);
		expectRelative(result.differenceInterval.upper, 4.439769242256134);
		// mt/mc-1 and mt/mc-1 -/+ q*serel
		expectRelative(result.relativeLift, 0.16666666666666674);
		expectRelative(result.relativeInterval.lower, -0.11057137604046202);
		expectRelative(result.relativeInterval.upper, 0.4439047093737955);
	});

	it('matches a small, very unequal second case', () => {
		// nc, mc, sc, nt, mt, st = 12, 3.0, 0.5, 9, 2.6, 2.2, then as above
		const result = compareMeans(
			{ units: 12, mean: 3.0, variance: 0.25 },
			{ units: 9, mean: 2.6, variance: 2.2 ** 2 }
		);
		expectRelative(result.pValue, 0.6060455029159874);
		expectRelative(result.differenceInterval.lower, -2.1020962242716044);
		expectRelative(result.differenceInterval.upper, 1.3020962242716043);
		expectRelative(result.relativeInterval.lower, -0.698059379806596);
		expectRelative(result.relativeInterval.upper, 0.43139271313992944);
	});

	it('handles zero variance without dividing by zero', () => {
		const flat = { units: 10, mean: 5, variance: 0 };
		const same = compareMeans(flat, { ...flat });
		expect(same.pValue).toBe(1);
		expect(same.differenceInterval).toEqual({ lower: 0, upper: 0 });
		const apart = compareMeans(flat, { units: 10, mean: 6, variance: 0 });
		expect(apart.pValue).toBe(0);
		expect(apart.differenceInterval).toEqual({ lower: 1, upper: 1 });
		expect(apart.relativeLift).toBeCloseTo(0.2, 12);
	});

	it('gives p = 1 for identical variants', () => {
		const result = compareMeans(control, { ...control });
		expect(result.pValue).toBe(1);
		expect(result.difference).toBe(0);
	});

	it('has no relative lift against a control mean of 0', () => {
		const result = compareMeans(
			{ units: 20, mean: 0, variance: 1 },
			{ units: 20, mean: 0.5, variance: 1 }
		);
		expect(result.relativeLift).toBe(Infinity);
		expect(result.relativeInterval.lower).toBeNaN();
		expect(Number.isFinite(result.pValue)).toBe(true);
	});

	it('returns NaN (and never throws) with fewer than two units', () => {
		expectUnknown(compareMeans({ units: 1, mean: 3, variance: 0 }, treatment));
		expectUnknown(compareMeans(control, { units: 0, mean: 0, variance: 0 }));
		expectUnknown(compareMeans(control, { units: 10, mean: NaN, variance: 1 }));
		expectUnknown(compareMeans(control, treatment, { alpha: 2 }));
	});
});
