import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions } from './frequentist';
import { alwaysValid } from './sequential';

// The reference is a python transcription of the mSPRT formulas (Johari et al.):
//   import numpy as np
//   def msprt(est, V, tau, alpha=0.05):
//       tau2 = tau**2; lam = np.sqrt(V/(V+tau2))*np.exp(tau2*est**2/(2*V*(V+tau2)))
//       hw = np.sqrt(V*(V+tau2)/tau2*(2*np.log(1/alpha)+np.log((V+tau2)/V)))
//       return min(1, 1/lam), est-hw, est+hw
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('always-valid inference (mSPRT)', () => {
	it('matches the formula for a proportion test, with τ = 10% of the pooled rate', () => {
		const result = compareProportions(
			{ units: 1000, conversions: 100 },
			{ units: 1000, conversions: 120 },
			{ sequential: true }
		);
		// msprt(0.02, 0.1*0.9/1000+0.12*0.88/1000, 0.1*0.11)
		const av = result.alwaysValid;
		expect(av).toBeDefined();
		expectRelative(av?.pValue ?? NaN, 0.8607086191617238);
		expectRelative(av?.differenceInterval.lower ?? NaN, -0.037557387089603975);
		expectRelative(av?.differenceInterval.upper ?? NaN, 0.07755738708960398);
	});

	it('matches the formula when significant, and with an explicit mixing sd', () => {
		const control = { units: 20000, conversions: 2000 };
		const treatment = { units: 20000, conversions: 2200 };
		// msprt(0.01, 0.1*0.9/20000+0.11*0.89/20000, 0.1*0.105)
		const byLift = compareProportions(control, treatment, { sequential: true }).alwaysValid;
		expectRelative(byLift?.pValue ?? NaN, 0.026465821914044216);
		expectRelative(byLift?.differenceInterval.lower ?? NaN, 0.0006711332246813126);
		expectRelative(byLift?.differenceInterval.upper ?? NaN, 0.019328866775318688);
		// msprt(0.01, 0.1*0.9/20000+0.11*0.89/20000, 0.005)
		const byTau = compareProportions(control, treatment, { sequential: true, mixingSd: 0.005 });
		expectRelative(byTau.alwaysValid?.pValue ?? NaN, 0.039978505780955916);
		expectRelative(byTau.alwaysValid?.differenceInterval.lower ?? NaN, 0.0002934270688919379);
		expectRelative(byTau.alwaysValid?.differenceInterval.upper ?? NaN, 0.019706572931108064);
		// plausibleLift scales τ the same way: 0.005 / 0.105
		const byOtherLift = compareProportions(control, treatment, {
			sequential: true,
			plausibleLift: 0.005 / 0.105
		});
		expectRelative(byOtherLift.alwaysValid?.pValue ?? NaN, 0.039978505780955916, 1e-8);
	});

	it('matches the formula for Welch means, with τ = 10% of the pooled mean', () => {
		const result = compareMeans(
			{ units: 50, mean: 10.2, variance: 4.1 ** 2 },
			{ units: 35, mean: 11.9, variance: 7.3 ** 2 },
			{ sequential: true }
		);
		// msprt(1.7, 4.1**2/50+7.3**2/35, 0.1*(50*10.2+35*11.9)/85)
		expectRelative(result.alwaysValid?.pValue ?? NaN, 0.9455027681270087);
		expectRelative(result.alwaysValid?.differenceInterval.lower ?? NaN, -3.860204777947347);
		expectRelative(result.alwaysValid?.differenceInterval.upper ?? NaN, 7.260204777947347);
	});

	it('is always wider, and its p-value never smaller, than the fixed-horizon one', () => {
		// A deterministic spread of sample sizes, rates and alphas (a linear congruential walk).
		let seed = 12345;
		const next = () => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return seed / 2 ** 32;
		};
		for (let i = 0; i < 500; i++) {
			const units = 20 + Math.floor(next() * 50000);
			const rate = 0.01 + next() * 0.5;
			const control = { units, conversions: Math.round(units * rate) };
			const tUnits = 20 + Math.floor(next() * 50000);
			const treatment = {
				units: tUnits,
				conversions: Math.round(tUnits * rate * (0.8 + next() * 0.4))
			};
			const alpha = [0.01, 0.05, 0.1, 0.2][i % 4];
			const result = compareProportions(control, treatment, { sequential: true, alpha });
			const fixed = result.differenceInterval;
			const av = result.alwaysValid;
			if (!av) throw new Error('alwaysValid missing');
			expect(av.differenceInterval.lower).toBeLessThan(fixed.lower);
			expect(av.differenceInterval.upper).toBeGreaterThan(fixed.upper);
			expect(av.pValue).toBeGreaterThanOrEqual(result.pValue * (1 - 1e-12));
		}
	});

	it('degenerates sensibly', () => {
		// No noise: the estimate is exact.
		expect(alwaysValid(0.1, 0, 0.01, 0.05)).toEqual({
			pValue: 0,
			differenceInterval: { lower: 0.1, upper: 0.1 }
		});
		expect(alwaysValid(0, 0, 0.01, 0.05).pValue).toBe(1);
		// A zero mixing sd never gathers evidence.
		const flat = alwaysValid(0.1, 0.001, 0, 0.05);
		expect(flat.pValue).toBe(1);
		expect(flat.differenceInterval).toEqual({ lower: -Infinity, upper: Infinity });
		// Both variants without conversions: nothing to see, nothing thrown.
		const none = compareProportions(
			{ units: 100, conversions: 0 },
			{ units: 100, conversions: 0 },
			{ sequential: true }
		);
		expect(none.alwaysValid?.pValue).toBe(1);
	});
});
