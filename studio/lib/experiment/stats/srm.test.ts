import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './srm';

// References: from scipy.stats import chisquare (scipy 1.17).
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
	expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe('sampleRatioMismatch', () => {
	it('passes an ordinary 50/50 split', () => {
		const result = sampleRatioMismatch([5000, 5100], [0.5, 0.5]);
		// chisquare([5000, 5100], f_exp=[5050, 5050]) -> (0.9900990099009901, 0.3197181768128675)
		expectRelative(result.chiSquare, 0.9900990099009901);
		expectRelative(result.pValue, 0.3197181768128675);
		expect(result.mismatch).toBe(false);
	});

	it('flags a clear mismatch', () => {
		const result = sampleRatioMismatch([5000, 5400], [50, 50]);
		// chisquare([5000, 5400], f_exp=[5200, 5200]) -> (15.384615384615385, 8.769942375590228e-05)
		expectRelative(result.chiSquare, 15.384615384615385);
		expectRelative(result.pValue, 8.769942375590228e-5);
		expect(result.mismatch).toBe(true);
	});

	it('uses the weights and df = k - 1 for three variants', () => {
		const fine = sampleRatioMismatch([1000, 520, 480], [2, 1, 1]);
		// chisquare([1000, 520, 480], f_exp=[1000, 500, 500]) -> (1.6, 0.4493289641172217)
		expectRelative(fine.chiSquare, 1.6);
		expectRelative(fine.pValue, 0.4493289641172217);
		expect(fine.mismatch).toBe(false);
		const off = sampleRatioMismatch([1000, 560, 440], [0.5, 0.25, 0.25]);
		// chisquare([1000, 560, 440], f_exp=[1000, 500, 500]) -> (14.4, 0.0007465858083766791)
		expectRelative(off.chiSquare, 14.4);
		expectRelative(off.pValue, 0.0007465858083766791);
		expect(off.mismatch).toBe(true);
	});

	it('treats the edges without throwing', () => {
		expect(sampleRatioMismatch([0, 0], [0.5, 0.5])).toEqual({
			chiSquare: 0,
			pValue: 1,
			mismatch: false
		});
		expect(sampleRatioMismatch([10, 3], [1, 0])).toEqual({
			chiSquare: Infinity,
			pValue: 0,
			mismatch: true
		});
		// A weight-0 variant that got nothing drops out (df shrinks).
		const dropped = sampleRatioMismatch([5000, 5100, 0], [0.5, 0.5, 0]);
		expectRelative(dropped.pValue, 0.3197181768128675);
		expect(sampleRatioMismatch([1, 2], [1]).pValue).toBeNaN();
		expect(sampleRatioMismatch([1, 2], [0, 0]).mismatch).toBe(false);
		expect(sampleRatioMismatch([-1, 2], [1, 1]).pValue).toBeNaN();
	});
});
