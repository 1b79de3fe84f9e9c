import { describe, expect, it } from 'vitest';
import { daysToReach, minimumDetectableEffect, sampleSizePerVariant } from './power';

// The reference is the same textbook formula in python (scipy 1.17):
//   import numpy as np; from scipy.stats import norm; from scipy.optimize import brentq
//   def n(p1, mde, alpha=0.05, power=0.8):
//       p2 = p1*(1+mde); pb = (p1+p2)/2
//       return (norm.ppf(1-alpha/2)*np.sqrt(2*pb*(1-pb))
//               + norm.ppf(power)*np.sqrt(p1*(1-p1)+p2*(1-p2)))**2/(p2-p1)**2
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('sampleSizePerVariant', () => {
	it.each([
		// [baseline, relative MDE, alpha, power, np.ceil(n(...))]
		[0.05, 0.1, undefined, undefined, 31234], // n(0.05, 0.1) = 31233.437940129952
		[0.1, 0.2, undefined, undefined, 3841], // n(0.1, 0.2) = 3840.847482436276
		[0.03, 0.05, 0.01, 0.9, 394195], // n(0.03, 0.05, 0.01, 0.9) = 394194.65265300556
		[0.2, -0.1, undefined, undefined, 6039] // n(0.2, -0.1) = 6038.533884755644
	])('baseline %f, lift %f', (baselineRate, relativeMde, alpha, power, expected) => {
		expect(sampleSizePerVariant({ baselineRate, relativeMde, alpha, power })).toBe(expected);
	});

	it('is infinite for no effect and undefined outside (0, 1)', () => {
		expect(sampleSizePerVariant({ baselineRate: 0.1, relativeMde: 0 })).toBe(Infinity);
		expect(sampleSizePerVariant({ baselineRate: 0, relativeMde: 0.1 })).toBeNaN();
		expect(sampleSizePerVariant({ baselineRate: 0.6, relativeMde: 1 })).toBeNaN();
		expect(sampleSizePerVariant({ baselineRate: 0.1, relativeMde: 0.1, power: 1 })).toBeNaN();
	});
});

describe('minimumDetectableEffect', () => {
	it('inverts the sample size formula', () => {
		// brentq(lambda m: n(0.05, m) - 10000, 1e-9, 1/0.05-1-1e-9, xtol=1e-15, rtol=1e-14)
		expectRelative(
			minimumDetectableEffect({ baselineRate: 0.05, unitsPerVariant: 10000 }),
			0.17986194638310776
		);
		// brentq(lambda m: n(0.2, m, 0.01, 0.9) - 2500, 1e-9, 1/0.2-1-1e-9, ...)
		expectRelative(
			minimumDetectableEffect({
				baselineRate: 0.2,
				unitsPerVariant: 2500,
				alpha: 0.01,
				power: 0.9
			}),
			0.22684894391110433
		);
	});

	it('round-trips with sampleSizePerVariant', () => {
		const mde = minimumDetectableEffect({ baselineRate: 0.1, unitsPerVariant: 3840.847482436276 });
		expectRelative(mde, 0.2, 1e-8);
	});

	it('is infinite when nothing is detectable and NaN for invalid input', () => {
		expect(minimumDetectableEffect({ baselineRate: 0.5, unitsPerVariant: 2 })).toBe(Infinity);
		expect(minimumDetectableEffect({ baselineRate: 0.5, unitsPerVariant: 0 })).toBeNaN();
		expect(minimumDetectableEffect({ baselineRate: 0, unitsPerVariant: 1000 })).toBeNaN();
	});
});

describe('daysToReach', () => {
	it('counts whole days of current traffic', () => {
		expect(daysToReach(31234, 10000, 1500)).toBe(15); // 21234 / 1500 = 14.16
		expect(daysToReach(3000, 1500, 1500)).toBe(1);
		expect(daysToReach(1000, 1200, 50)).toBe(0);
	});

	it('is null without traffic or a reachable target', () => {
		expect(daysToReach(1000, 10, 0)).toBeNull();
		expect(daysToReach(Infinity, 10, 100)).toBeNull();
		expect(daysToReach(NaN, 10, 100)).toBeNull();
	});
});
